hello = 您好。
wait = 您前面还有{ $count }人在等候。
menu = 菜单
    .title = 主菜单
pension = 请领取养老金。
please-wait = 請稍候。
hotline = 请拨打12345。
queue = 还有{ $count }位。
step = 第一步，带好证件。
announce = <speak>请注意<break time="500ms"/>窗口已开放。</speak>
about = 关于本机
