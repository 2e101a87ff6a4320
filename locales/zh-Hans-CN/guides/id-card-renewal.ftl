### ID card renewal and replacement

id-card-renewal-title = 身份证换领和补领
    .keywords = 身份证, 换身份证, 补身份证
id-card-renewal-summary = 身份证到期要换新证，丢失或损坏要补领。
id-card-renewal-eligibility = 身份证快到期、已过期、损坏或丢失的居民。46周岁以上换领的身份证长期有效。
id-card-renewal-material-1 = 户口本。
id-card-renewal-material-2 = 旧身份证（丢失的不用带）。
id-card-renewal-material-3 = 大部分办证点可以现场拍照，具体请问窗口。
id-card-renewal-step-1 = 到户籍所在地派出所或县市政务服务中心公安窗口，取号排队。
id-card-renewal-step-2 = 交材料，现场拍照、采集指纹。
id-card-renewal-step-3 = 交工本费，拿好领证回执。
id-card-renewal-step-4 = 按回执上的时间领取新证，也可以选择邮寄到家。
id-card-renewal-place = 户籍所在地派出所，或各县市政务服务中心公安窗口。
id-card-renewal-hours = 工作日 9:30-13:30，16:00-19:30（北京时间），节假日休息。
id-card-renewal-fees = 到期换领20元；丢失补领或损坏换领40元；临时身份证10元。
id-card-renewal-contact = 拨打12345政务服务便民热线，或问当地派出所。
id-card-renewal-simple = 身份证到期换新要20元，丢了补办要40元。请带户口本到派出所办理。有问题请打12345。
