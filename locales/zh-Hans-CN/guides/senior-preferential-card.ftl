### Senior preferential treatment card

senior-preferential-card-title = 老年人优待证办理
    .keywords = 老年人优待证, 优待证, 老年证
senior-preferential-card-summary = 老年人优待证是老人坐公交、游景区、看病时享受优待的凭证。
senior-preferential-card-eligibility = 年满60周岁的本地户籍老人，以及在本地常住的外地老人（以当地规定为准）。
senior-preferential-card-material-1 = 老人的身份证。
senior-preferential-card-material-2 = 近期小一寸免冠照片1张（有的地方可以现场拍照）。
senior-preferential-card-material-3 = 户口本，外地老人带居住证。
senior-preferential-card-step-1 = 老人或家属到社区，或乡镇（街道）便民服务中心提出申请。
senior-preferential-card-step-2 = 填写登记表，交身份证和照片。
senior-preferential-card-step-3 = 审核后制证，一般按通知的时间到原地点领取。
senior-preferential-card-step-4 = 凭优待证享受坐公交、游景区、医院优先看病等优待。
senior-preferential-card-place = 所在社区，或乡镇（街道）便民服务中心、县市政务服务中心民政窗口。
senior-preferential-card-hours = 工作日 9:30-13:30，16:00-19:30（北京时间），节假日休息。
senior-preferential-card-fees = 办理老年人优待证免费。
senior-preferential-card-contact = 拨打12345政务服务便民热线，或问所在社区。
senior-preferential-card-simple = 满60周岁的老人可以免费办理老年人优待证。带身份证和照片到社区办理。有问题请打12345。
