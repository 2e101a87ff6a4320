### Senior allowance for people of advanced age

senior-allowance-title = 高龄津贴申领
    .keywords = 高龄津贴, 津贴, 高龄补贴
senior-allowance-summary = 政府每月给高龄老人发放的补贴，年龄越大，金额越高。
senior-allowance-eligibility = 有本地户籍、年满80周岁的老人（具体年龄和标准以当地民政部门规定为准）。
senior-allowance-material-1 = 老人的身份证。
senior-allowance-material-2 = 户口本。
senior-allowance-material-3 = 老人本人的银行卡或社会保障卡。
senior-allowance-step-1 = 老人或家属到户籍所在地的社区，或乡镇（街道）便民服务中心提出申请。
senior-allowance-step-2 = 填写申请表，工作人员核对年龄和户籍信息。
senior-allowance-step-3 = 县市民政部门审核通过后，津贴从下个月起每月打到老人的卡上。
senior-allowance-step-4 = 领取期间每年要做一次资格认证，可以在社区办，也可以用手机办。
senior-allowance-place = 户籍所在地的社区，或乡镇（街道）便民服务中心民政窗口。
senior-allowance-hours = 工作日 9:30-13:30，16:00-19:30（北京时间），节假日休息。
senior-allowance-fees = 申请免费，津贴直接打到卡上，不收任何手续费。
senior-allowance-contact = 拨打12345政务服务便民热线，或问所在社区。
senior-allowance-simple = 满80周岁的老人可以申请高龄津贴，每月打到卡上。带身份证和户口本到社区申请，免费。有问题请打12345。
