//! How many threads a recognition uses: [`Threads`].

use std::fmt;
use std::str::FromStr;

/// Threads for one recognition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Threads {
    /// The cores other work leaves free when the recognition starts, at least one: on a busy
    /// kiosk or server, threads beyond the free cores only wait for each other (measured: 2
    /// threads 4.3 s against 1 thread 3.4 s on 2 cores with two busy processes). Other work is
    /// the tasks the kernel has running or ready to run right now (`/proc/loadavg`), the least
    /// of a few looks over 10 ms, less this one; the one-minute load average lags by a minute.
    #[default]
    Auto,
    /// This many (at least one).
    Fixed(usize),
}

impl Threads {
    /// How many threads to use now.
    pub fn count(self) -> usize {
        match self {
            Threads::Fixed(n) => n.max(1),
            Threads::Auto => free_cores(cores(), others_running()),
        }
    }
}

impl From<usize> for Threads {
    fn from(n: usize) -> Threads {
        Threads::Fixed(n)
    }
}

impl FromStr for Threads {
    type Err = String;

    fn from_str(s: &str) -> Result<Threads, String> {
        match s {
            "auto" => Ok(Threads::Auto),
            n => n
                .parse::<usize>()
                .ok()
                .filter(|&n| n >= 1)
                .map(Threads::Fixed)
                .ok_or_else(|| {
                    format!("'{n}' is neither auto nor a number of threads (1 or more)")
                }),
        }
    }
}

impl fmt::Display for Threads {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Threads::Auto => f.write_str("auto"),
            Threads::Fixed(n) => write!(f, "{n}"),
        }
    }
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Tasks running or ready to run besides this one: the least of five looks 2 ms apart at the
/// fourth field of `/proc/loadavg` (`running/total`, which counts the reader itself); 0 where
/// there is no such file.
fn others_running() -> usize {
    let mut least = usize::MAX;
    for i in 0..5 {
        if i > 0 {
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        let running = std::fs::read_to_string("/proc/loadavg").ok().and_then(|s| {
            let field = s.split_whitespace().nth(3)?;
            field.split('/').next()?.parse::<usize>().ok()
        });
        match running {
            Some(n) => least = least.min(n.saturating_sub(1)),
            None => return 0,
        }
    }
    least
}

/// The cores `busy` other tasks leave free, at least 1.
fn free_cores(cores: usize, busy: usize) -> usize {
    cores.saturating_sub(busy).clamp(1, cores.max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_cores_follow_the_load_and_never_reach_zero() {
        assert_eq!(free_cores(2, 0), 2);
        assert_eq!(free_cores(2, 1), 1);
        assert_eq!(free_cores(2, 5), 1);
        assert_eq!(free_cores(16, 3), 13);
        assert_eq!(free_cores(0, 1), 1);
    }

    #[test]
    fn a_busy_process_takes_a_core() {
        let cores = cores();
        if cores < 2 {
            return;
        }
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let spinner = {
            let stop = std::sync::Arc::clone(&stop);
            std::thread::spawn(move || {
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    std::hint::spin_loop();
                }
            })
        };
        std::thread::sleep(std::time::Duration::from_millis(50));
        let busy = others_running();
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        spinner.join().unwrap();
        assert!(busy >= 1, "a spinning thread is running: {busy}");
    }

    #[test]
    fn parsed_from_the_command_line() {
        assert_eq!("auto".parse(), Ok(Threads::Auto));
        assert_eq!("3".parse(), Ok(Threads::Fixed(3)));
        assert!("0".parse::<Threads>().is_err());
        assert!("many".parse::<Threads>().is_err());
        assert_eq!(Threads::Fixed(0).count(), 1);
        assert!(Threads::Auto.count() >= 1);
    }
}
