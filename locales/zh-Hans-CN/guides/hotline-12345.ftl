### 12345 government service hotline and phone booking

hotline-12345-title = 12345政务服务便民热线
    .keywords = 热线, 一二三四五, 打电话
hotline-12345-summary = 12345热线是政府的服务电话，可以咨询政策、反映问题，也可以打电话预约办事。
hotline-12345-eligibility = 所有人都可以拨打，老人和外地人都可以。
hotline-12345-material-1 = 一部电话，手机、座机都可以。
hotline-12345-material-2 = 预约办事时，准备好身份证号码。
hotline-12345-step-1 = 拨打12345，听到提示后选择普通话、维吾尔语或蒙古语服务。
hotline-12345-step-2 = 说出您要咨询或反映的问题，话务员会记录下来，转给有关部门。
hotline-12345-step-3 = 要预约办事的，告诉话务员要办什么事、想哪天去，话务员帮您预约。
hotline-12345-step-4 = 预约成功后会收到短信或回电，按约定时间带材料去办理。
hotline-12345-step-5 = 办完后会有回访，您可以对服务做出评价。
hotline-12345-place = 打电话办理，不用出门。
hotline-12345-hours = 全天24小时服务。
hotline-12345-fees = 拨打12345只收普通电话费，不收其他费用。
hotline-12345-contact = 直接拨打12345。
hotline-12345-simple = 有事请打12345，24小时都有人接。可以咨询、反映问题，也可以预约办事。只收普通电话费。
