### review: draft

ui-app-name = ھۆكۈمەت ئىشلىرى مۇلازىمىتى ئاۋازلىق ياردەمچىسى
ui-guides = ئىش بېجىرىش قوللانمىسى
ui-eligibility = كىملەر بېجىرەلەيدۇ
ui-materials = كېرەكلىك ماتېرىياللار
ui-steps = بېجىرىش قەدەملىرى
ui-place = بېجىرىش ئورنى
ui-hours = بېجىرىش ۋاقتى
ui-fees = ھەق
ui-contact = مەسلىھەت تېلېفونى
ui-simple-version = قىسقا نۇسخا
ui-full-version = تولۇق نۇسخا
ui-elder-mode = ياشانغانلار ئەندىزىسى
ui-read-aloud = ئاۋازلىق ئوقۇش
ui-read-selection = تاللانغان مەزمۇننى ئوقۇش
ui-pause = توختىتىپ تۇرۇش
ui-resume = داۋاملاشتۇرۇش
ui-stop = توختىتىش
ui-slower = ئاستىراق
ui-faster = تېزرەك
ui-language = تىل
ui-back = قايتىش
ui-home = باش بەت
ui-call-agent = خادىمنى چاقىرىش
ui-high-contrast = يۇقىرى سېلىشتۇرما
ui-larger-text = چوڭ خەت
ui-draft-translation-notice = بۇ تەرجىمە دەسلەپكى نۇسخا بولۇپ، ئانا تىللىق كىشىنىڭ تەكشۈرۈشىنى كۈتۈۋاتىدۇ؛ ئېنىق بولمىغان يەرلىرى بولسا، خەنزۇچە نۇسخىسىنى ئاساس قىلىڭ.
ui-hotline = 12345 ھۆكۈمەت ئىشلىرى قۇلايلىق مۇلازىمەت قىزىق لىنىيە
ui-search = ئىزدەش
ui-settings = تەڭشەك
ui-print = بېسىپ چىقىرىش
ui-help = ياردەم
ui-volume = ئاۋاز
ui-next = كېيىنكى قەدەم
ui-previous = ئالدىنقى قەدەم
ui-confirm = جەزملەشتۈرۈش
ui-cancel = بىكار قىلىش
ui-queue-number = نومۇر ئېلىش

ui-repeat-key-info = مۇھىم ئۇچۇرنى يەنە بىر قېتىم ئېيتىمەن.

ui-point-read = كۆرسىتىپ ئوقۇش
ui-continuous-read = ئۇلاپ ئوقۇش
