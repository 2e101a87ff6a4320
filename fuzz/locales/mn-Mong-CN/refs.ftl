### review: reviewed Batu 2026-11-01

cycle-a = ᠨᠢᠭᠡ
cycle-b = ᠬᠣᠶᠠᠷ
lol0 = ᠬᠠ
lol1 = ᠬᠠ
lol2 = ᠬᠠ
