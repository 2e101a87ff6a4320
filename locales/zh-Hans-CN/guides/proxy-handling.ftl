### Handling by relatives or others (proxy) and the authorization letter

proxy-handling-title = 亲属或他人代办
    .keywords = 代办, 亲属代办, 别人代办
proxy-handling-summary = 老人不方便亲自去的，很多业务可以由亲属或信任的人代办。
proxy-handling-eligibility = 本人因年老、生病等原因不能到场，而且这项业务允许代办；第一次申领身份证、需要刷脸或采集指纹的业务，必须本人到场。
proxy-handling-material-1 = 老人本人的身份证原件。
proxy-handling-material-2 = 代办人的身份证原件。
proxy-handling-material-3 = 老人签字或按手印的授权委托书（窗口可以提供样本）。
proxy-handling-material-4 = 证明双方关系的材料，比如户口本或结婚证（部分业务需要）。
proxy-handling-step-1 = 先打12345或问窗口：这项业务能不能代办，要带什么。
proxy-handling-step-2 = 写好委托书：写明委托人、代办人、要办的事和有效期，老人签字或按手印。
proxy-handling-step-3 = 代办人带齐材料到窗口，出示双方的身份证和委托书。
proxy-handling-step-4 = 工作人员核实后办理，代办人签字确认，拿好回执。
proxy-handling-place = 各县市政务服务中心，以及乡镇（街道）便民服务中心的相应窗口。
proxy-handling-hours = 工作日 9:30-13:30，16:00-19:30（北京时间），节假日休息。
proxy-handling-fees = 代办不收费；委托书自己写就可以，一般不需要公证，个别业务需要公证的，窗口会告诉您。
proxy-handling-contact = 拨打12345政务服务便民热线，先问清楚能不能代办。
proxy-handling-simple = 老人不方便来，可以让亲属带委托书来代办。要带老人和代办人的身份证。能不能代办，请先打12345问清楚。
