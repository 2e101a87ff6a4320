### Pension collection

pension-collection-title = 养老金领取
    .keywords = 养老金, 退休金, 领养老金
pension-collection-summary = 办理退休手续后，每月按时领取基本养老金。
pension-collection-eligibility = 已办理退休手续的职工，以及年满60周岁、按规定缴费的城乡居民养老保险参保人。
pension-collection-material-1 = 本人身份证。
pension-collection-material-2 = 本人社会保障卡（已激活金融功能）。
pension-collection-material-3 = 户口本。
pension-collection-step-1 = 到县市社保经办窗口，或乡镇（街道）便民服务中心提出领取申请。
pension-collection-step-2 = 工作人员核对您的身份信息和缴费记录。
pension-collection-step-3 = 审核通过后，从下个月起发放养老金。
pension-collection-step-4 = 养老金每月打到本人社会保障卡上，可以到银行或自助机查询。
pension-collection-place = 各县市政务服务中心社保窗口，或乡镇（街道）便民服务中心。
pension-collection-hours = 工作日 9:30-13:30，16:00-19:30（北京时间），节假日休息。
pension-collection-fees = 免费办理，不收任何费用。
pension-collection-contact = 拨打12333人力资源和社会保障服务热线，或12345政务服务便民热线。
pension-collection-simple = 养老金每月打到您的社保卡上。带身份证和社保卡到政务服务中心办理，不收费。有问题请打12333。
