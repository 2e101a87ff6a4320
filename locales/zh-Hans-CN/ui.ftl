### Words of the screens and pages

ui-app-name = 政务服务语音助手
ui-guides = 办事指南
ui-eligibility = 办理对象
ui-materials = 所需材料
ui-steps = 办理步骤
ui-place = 办理地点
ui-hours = 办理时间
ui-fees = 收费
ui-contact = 咨询电话
ui-simple-version = 简明版
ui-full-version = 完整版
ui-elder-mode = 长辈模式
ui-read-aloud = 朗读
ui-read-selection = 朗读选中的内容
ui-pause = 暂停
ui-resume = 继续
ui-stop = 停止
ui-slower = 慢一点
ui-faster = 快一点
ui-language = 语言
ui-back = 返回
ui-home = 首页
ui-call-agent = 呼叫人工
ui-high-contrast = 高对比度
ui-larger-text = 大字
ui-draft-translation-notice = 此译文是初稿，正在等待母语人士审校；如有不准确的地方，请以普通话版本为准。
ui-hotline = 12345政务服务便民热线
ui-search = 搜索
ui-settings = 设置
ui-print = 打印
ui-help = 帮助
ui-volume = 音量
ui-next = 下一步
ui-previous = 上一步
ui-confirm = 确认
ui-cancel = 取消
ui-queue-number = 排队取号

# Said before the elder mode repeats the numbers that matter.
ui-repeat-key-info = 重要信息再说一遍。

# The read-aloud widget: read what the pointer or focus rests on; read on from a passage to the end.
ui-point-read = 指读
ui-continuous-read = 连读
