### review: reviewed Aynur 2026-11-01

hello = ئەسسالامۇ ئەلەيکۇم.
wait = ئالدىڭىزدا يەنە { $number } ئادەم كۈتۈۋاتىدۇ.
menu = تىزىملىك
pension = پېنسيا ئېلىڭ.
please-wait = سەل ‮ساقلاڭ.
hotline = 12345 گە تېلېفون قىلىڭ.
queue =
    { $count ->
       *[other] يەنە { $count } ئادەم بار.
    }
old-message = كونا ئۇچۇر.
step = بىرىنچى قەدەم، كىملىكنى ئېلىپ كېلىڭ.
announce = <speak>دىققەت<break time="500ms"/>كۆزنەك ئېچىلدى.</speak>
