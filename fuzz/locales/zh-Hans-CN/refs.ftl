# Cycles and bombs.
cycle-a = 甲{ cycle-b }
cycle-b = 乙{ cycle-a }
lol0 = 哈
lol1 = { lol0 }{ lol0 }{ lol0 }{ lol0 }{ lol0 }{ lol0 }{ lol0 }{ lol0 }{ lol0 }{ lol0 }
lol2 = { lol1 }{ lol1 }{ lol1 }{ lol1 }{ lol1 }{ lol1 }{ lol1 }{ lol1 }{ lol1 }{ lol1 }
