### review: draft

hello = Сайн байна уу
wait = ᠲᠠᠨ ᠤ ᠡᠮᠦᠨ᠎ᠡ { $count } ᠬᠦᠮᠦᠨ ᠪᠠᠶᠢᠨ᠎ᠠ᠃
wait = ᠲᠠᠨ ᠤ ᠡᠮᠦᠨ᠎ᠡ { $count } ᠬᠦᠮᠦᠨ᠃
menu = ᠬᠡᠷᠡᠭ ᠪᠡᠶᠡᠯᠡᠭᠦᠯᠬᠦ ᠵᠠᠭᠠᠪᠤᠷ
    .title = ᠬᠡᠷᠡᠭ ᠪᠡᠶᠡᠯᠡᠭᠦᠯᠬᠦ ᠵᠠᠭᠠᠪᠤᠷ
    .extra = ᠲᠣᠪᠴᠢᠯᠠᠯ
pension = ᠲᠡᠳᠬᠦᠪᠦᠷᠢ ᠶᠢᠨ ᠮᠥᠩᠭᠦ ᠠᠪᠬᠤ
please-wait = { "" }
about = { nowhere }
step = ① ᠪᠡᠶᠡᠯᠡᠭᠦᠯᠬᠦ ᠠᠯᠬᠤᠮ
announce = <speak>ᠪᠡᠶᠡᠯᠡᠭᠦᠯᠬᠦ<break time="500ms"></speak>
hotline = 12345
queue =
    { $count ->
        [one] { $count } ᠬᠦᠮᠦᠨ᠃
       *[other] { $count } ᠬᠦᠮᠦᠨ᠃
    }
