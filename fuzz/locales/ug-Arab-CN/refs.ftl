### review: reviewed Aynur 2026-11-01

cycle-a = بىر
cycle-b = ئىككى
lol0 = ھە
lol1 = ھە
lol2 = ھە
