### Water, electricity and gas payments

utility-payments-title = 水电燃气缴费
    .keywords = 水电燃气, 缴费, 水费, 电费
utility-payments-summary = 交水费、电费、燃气费，可以到营业厅交现金，也可以用手机或银行缴费。
utility-payments-eligibility = 所有用水、用电、用气的家庭。
utility-payments-material-1 = 缴费户号或缴费通知单（不知道户号，说出住址也能查）。
utility-payments-material-2 = 现金、银行卡、手机支付都可以。
utility-payments-material-3 = 燃气卡或电卡（预付费表充值时带上）。
utility-payments-step-1 = 带上户号或缴费通知单，到供水、供电或燃气公司的营业厅。
utility-payments-step-2 = 告诉工作人员户号，核对户名和要交的金额。
utility-payments-step-3 = 交现金或刷卡付款，所有营业厅都收现金。
utility-payments-step-4 = 拿好缴费收据；预付费的燃气卡、电卡，回家插进表里，确认钱已到账。
utility-payments-place = 供水、供电、燃气公司营业厅，部分银行和社区便民服务点也可以代收。
utility-payments-hours = 营业厅一般每天 10:00-19:30（北京时间）营业，以各营业厅公告为准。
utility-payments-fees = 缴费不收手续费，只交水、电、燃气本身的费用。
utility-payments-contact = 停水、停电、燃气故障，请打缴费单上印的公司服务电话；其他问题请拨打12345政务服务便民热线。
utility-payments-simple = 水费、电费、燃气费可以到营业厅交，所有营业厅都收现金。带上缴费单或户号就行，不收手续费。有问题请打12345。
