//! A bounded loopback load test of `tilmach serve`: cached speech and guide JSON under
//! concurrent clients, reporting requests per second and latency percentiles.
//!
//! `cargo bench --bench load -- [--seconds N] [--clients N]` (defaults: 5 s per scenario, 16
//! clients). It starts its own server on 127.0.0.1 with a fresh cache, sends traffic to that
//! address only, stops each scenario after the time or 200,000 requests, and stops the server.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const MAX_REQUESTS: usize = 200_000;

struct Scenario {
    name: &'static str,
    path: String,
    body: Option<String>,
    accept: &'static str,
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let value = |flag: &str, default: u64| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let seconds = value("--seconds", 5).clamp(1, 60);
    let clients = value("--clients", 16).clamp(1, 256) as usize;
    let cache = std::env::temp_dir().join(format!("tilmach-load-{}", std::process::id()));
    let mut server = Command::new(env!("CARGO_BIN_EXE_tilmach"))
        .args(["serve", "--listen", "127.0.0.1:0", "--cache"])
        .arg(&cache)
        .args(["--max-in-flight", "1024"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("tilmach serve starts");
    let mut line = String::new();
    BufReader::new(server.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let base = line
        .trim()
        .trim_start_matches("tilmach: listening on ")
        .trim_end_matches('/')
        .to_owned();
    let speech = serde_json::json!({
        "text": "您好，欢迎使用养老金领取服务。请带好身份证和社保卡，到一号窗口办理。",
        "lang": "zh",
        "elder": true,
    })
    .to_string();
    let scenarios = [
        Scenario {
            name: "guide JSON (GET /api/v1/guides/pension-collection?lang=ug&mode=elder)",
            path: "/api/v1/guides/pension-collection?lang=ug&mode=elder".into(),
            body: None,
            accept: "application/json",
        },
        Scenario {
            name: "cached speech, timings (POST /api/v1/speech, Accept: application/json)",
            path: "/api/v1/speech".into(),
            body: Some(speech.clone()),
            accept: "application/json",
        },
        Scenario {
            name: "cached speech, audio (POST /api/v1/speech → audio/wav)",
            path: "/api/v1/speech".into(),
            body: Some(speech),
            accept: "audio/wav",
        },
    ];
    println!("tilmach serve on {base}: {clients} clients, {seconds} s per scenario");
    for s in &scenarios {
        // Warm up: the first speech request renders and caches.
        one(&agent(), &base, s).expect("warm-up request");
        let deadline = Instant::now() + Duration::from_secs(seconds);
        let started = Instant::now();
        let per_client = MAX_REQUESTS / clients;
        let results: Vec<(Vec<Duration>, usize, u64)> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..clients)
                .map(|_| {
                    scope.spawn(|| {
                        let agent = agent();
                        let (mut times, mut errors, mut bytes) = (Vec::new(), 0, 0u64);
                        while Instant::now() < deadline && times.len() < per_client {
                            let t = Instant::now();
                            match one(&agent, &base, s) {
                                Ok(n) => {
                                    times.push(t.elapsed());
                                    bytes += n;
                                }
                                Err(_) => errors += 1,
                            }
                        }
                        (times, errors, bytes)
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let elapsed = started.elapsed().as_secs_f64();
        let mut times: Vec<Duration> = results.iter().flat_map(|r| r.0.clone()).collect();
        let errors: usize = results.iter().map(|r| r.1).sum();
        let bytes: u64 = results.iter().map(|r| r.2).sum();
        times.sort();
        let pct = |p: f64| {
            times
                .get(((times.len() as f64 * p) as usize).min(times.len().saturating_sub(1)))
                .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
        };
        println!(
            "{}\n  {} requests in {elapsed:.1} s: {:.0} requests/s, p50 {:.2} ms, p99 {:.2} ms, {errors} errors, {:.1} MiB/s",
            s.name,
            times.len(),
            times.len() as f64 / elapsed,
            pct(0.50),
            pct(0.99),
            bytes as f64 / elapsed / 1048576.0
        );
    }
    let _ = server.kill();
    let _ = server.wait();
    let _ = std::fs::remove_dir_all(&cache);
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into()
}

/// One request; the bytes of the body read.
fn one(agent: &ureq::Agent, base: &str, s: &Scenario) -> Result<u64, ureq::Error> {
    let url = format!("{base}{}", s.path);
    let mut response = match &s.body {
        Some(body) => agent
            .post(&url)
            .header("content-type", "application/json")
            .header("accept", s.accept)
            .send(body.as_bytes())?,
        None => agent.get(&url).header("accept", s.accept).call()?,
    };
    let body = response
        .body_mut()
        .with_config()
        .limit(64 << 20)
        .read_to_vec()?;
    Ok(body.len() as u64)
}
