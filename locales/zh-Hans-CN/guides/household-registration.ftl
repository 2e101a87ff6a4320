### Household registration (hukou) services

household-registration-title = 户口业务办理
    .keywords = 户口, 户籍, 户口本
household-registration-summary = 办理出生登记、迁入迁出、户口本补办和信息变更等户口业务。
household-registration-eligibility = 本地户籍居民，或需要把户口迁入本地的人。
household-registration-material-1 = 户口本原件。
household-registration-material-2 = 本人身份证；新生儿登记还要带《出生医学证明》。
household-registration-material-3 = 迁入要带准予迁入证明等材料，具体请问窗口。
household-registration-step-1 = 到户籍所在地派出所户籍窗口，或县市政务服务中心公安窗口。
household-registration-step-2 = 取号排队，把材料交给工作人员。
household-registration-step-3 = 工作人员审核材料，符合条件的当场办理，或告诉您领取时间。
household-registration-step-4 = 领取户口本或相关证明，核对信息无误后签字。
household-registration-place = 户籍所在地派出所，或各县市政务服务中心公安窗口。
household-registration-hours = 工作日 9:30-13:30，16:00-19:30（北京时间），节假日休息。
household-registration-fees = 户口登记和补办户口本都免费。
household-registration-contact = 拨打12345政务服务便民热线，或直接问当地派出所。
household-registration-simple = 户口的事到派出所户籍窗口办理，免费。请带户口本和身份证。有问题请打12345。
