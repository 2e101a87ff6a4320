### review: draft

ui-app-name = ᠵᠠᠰᠠᠭ ᠤᠨ ᠬᠡᠷᠡᠭ ᠦᠨ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ ᠶᠢᠨ ᠳᠠᠭᠤᠨ ᠤ ᠲᠤᠰᠠᠯᠠᠭᠴᠢ
ui-guides = ᠬᠡᠷᠡᠭ ᠪᠡᠶᠡᠯᠡᠭᠦᠯᠬᠦ ᠵᠠᠭᠠᠪᠤᠷ
ui-eligibility = ᠬᠡᠨ ᠪᠡᠶᠡᠯᠡᠭᠦᠯᠵᠦ ᠪᠣᠯᠬᠤ
ui-materials = ᠬᠡᠷᠡᠭᠲᠡᠢ ᠪᠢᠴᠢᠭ ᠪᠠᠷᠢᠮᠲᠠ
ui-steps = ᠪᠡᠶᠡᠯᠡᠭᠦᠯᠬᠦ ᠠᠯᠬᠤᠮ
ui-place = ᠪᠡᠶᠡᠯᠡᠭᠦᠯᠬᠦ ᠭᠠᠵᠠᠷ
ui-hours = ᠪᠡᠶᠡᠯᠡᠭᠦᠯᠬᠦ ᠴᠠᠭ
ui-fees = ᠲᠥᠯᠥᠪᠦᠷᠢ
ui-contact = ᠠᠰᠠᠭᠤᠬᠤ ᠤᠲᠠᠰᠤ
ui-simple-version = ᠲᠣᠪᠴᠢᠯᠠᠯ
ui-full-version = ᠪᠦᠷᠢᠨ ᠪᠢᠴᠢᠭ
ui-elder-mode = ᠥᠲᠡᠯ ᠨᠠᠰᠤᠲᠠᠨ ᠤ ᠵᠠᠭᠪᠤᠷ
ui-read-aloud = ᠳᠠᠭᠤ ᠭᠠᠷᠭᠠᠵᠤ ᠤᠩᠰᠢᠬᠤ
ui-read-selection = ᠰᠣᠨᠭᠣᠭᠰᠠᠨ ᠢ ᠤᠩᠰᠢᠬᠤ
ui-pause = ᠲᠦᠷ ᠵᠣᠭᠰᠠᠬᠤ
ui-resume = ᠦᠷᠭᠦᠯᠵᠢᠯᠡᠬᠦ
ui-stop = ᠵᠣᠭᠰᠠᠬᠤ
ui-slower = ᠤᠳᠠᠭᠠᠨ
ui-faster = ᠲᠦᠷᠭᠡᠨ
ui-language = ᠬᠡᠯᠡ
ui-back = ᠬᠠᠷᠢᠬᠤ
ui-home = ᠲᠡᠷᠢᠭᠦᠨ ᠨᠢᠭᠤᠷ
ui-call-agent = ᠠᠵᠢᠯᠲᠠᠨ ᠳᠠᠭᠤᠳᠠᠬᠤ
ui-high-contrast = ᠲᠣᠳ ᠥᠩᠭᠡ
ui-larger-text = ᠲᠣᠮᠤ ᠦᠰᠦᠭ
ui-draft-translation-notice = ᠡᠨᠡ ᠣᠷᠴᠢᠭᠤᠯᠭ᠎ᠠ ᠨᠣᠭᠤᠷᠤᠭ ᠪᠣᠯᠠᠢ᠂ ᠡᠬᠡ ᠬᠡᠯᠡ ᠲᠡᠢ ᠬᠦᠮᠦᠨ ᠦ ᠬᠢᠨᠠᠬᠤ ᠶᠢ ᠬᠦᠯᠢᠶᠡᠵᠦ ᠪᠠᠶᠢᠨ᠎ᠠ᠃ ᠵᠥᠪ ᠪᠤᠰᠤ ᠭᠠᠵᠠᠷ ᠪᠠᠶᠢᠪᠠᠯ ᠬᠢᠲᠠᠳ ᠬᠡᠯᠡ ᠶᠢᠨ ᠪᠢᠴᠢᠭ ᠢ ᠪᠠᠷᠢᠮᠵᠠᠯᠠᠭᠠᠷᠠᠢ᠃
ui-hotline = 12345 ᠵᠠᠰᠠᠭ ᠤᠨ ᠬᠡᠷᠡᠭ ᠦᠨ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ ᠶᠢᠨ ᠬᠠᠯᠠᠭᠤᠨ ᠱᠤᠭᠤᠮ
ui-search = ᠬᠠᠶᠢᠬᠤ
ui-settings = ᠲᠣᠬᠢᠷᠠᠭᠤᠯᠭ᠎ᠠ
ui-print = ᠬᠡᠪᠯᠡᠬᠦ
ui-help = ᠲᠤᠰᠠᠯᠠᠮᠵᠢ
ui-volume = ᠳᠠᠭᠤᠨ ᠤ ᠬᠡᠮᠵᠢᠶ᠎ᠡ
ui-next = ᠳᠠᠷᠠᠭ᠎ᠠ ᠠᠯᠬᠤᠮ
ui-previous = ᠡᠮᠦᠨᠡᠬᠢ ᠠᠯᠬᠤᠮ
ui-confirm = ᠪᠠᠲᠤᠯᠠᠬᠤ
ui-cancel = ᠴᠤᠴᠠᠯᠠᠬᠤ
ui-queue-number = ᠳᠤᠭᠠᠷ ᠠᠪᠬᠤ

ui-repeat-key-info = ᠴᠢᠬᠤᠯᠠ ᠮᠡᠳᠡᠭᠡ ᠶᠢ ᠳᠠᠬᠢᠨ ᠬᠡᠯᠡᠶᠡ᠃

ui-point-read = ᠵᠢᠭᠠᠵᠤ ᠤᠩᠰᠢᠬᠤ
ui-continuous-read = ᠦᠷᠭᠦᠯᠵᠢᠯᠡᠨ ᠤᠩᠰᠢᠬᠤ
