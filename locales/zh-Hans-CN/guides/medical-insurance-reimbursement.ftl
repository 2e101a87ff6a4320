### Medical insurance reimbursement

medical-insurance-reimbursement-title = 医疗保险报销
    .keywords = 医疗保险, 医保, 报销, 看病
medical-insurance-reimbursement-summary = 看病的费用按医保规定报销，在外地看病也可以办理异地就医报销。
medical-insurance-reimbursement-eligibility = 参加职工医保或城乡居民医保、按时缴费的人。
medical-insurance-reimbursement-material-1 = 本人身份证或社会保障卡（医保电子凭证也可以）。
medical-insurance-reimbursement-material-2 = 医院的收费票据和费用清单。
medical-insurance-reimbursement-material-3 = 出院记录或诊断证明（住院报销需要）。
medical-insurance-reimbursement-material-4 = 异地就医备案证明（在外地看病时）。
medical-insurance-reimbursement-step-1 = 在本地定点医院看病时出示社保卡或医保电子凭证，医保部分当场结算，您只付个人部分。
medical-insurance-reimbursement-step-2 = 去外地看病前，先通过国家医保服务平台手机应用或当地医保窗口办理异地就医备案。
medical-insurance-reimbursement-step-3 = 备案后在外地定点医院可以直接结算；没有直接结算的，回来后带材料到医保窗口报销。
medical-insurance-reimbursement-step-4 = 医保部门审核后，报销的钱打到您的社会保障卡或银行卡上。
medical-insurance-reimbursement-place = 定点医院医保结算窗口，或各县市政务服务中心医保窗口。
medical-insurance-reimbursement-hours = 医院结算随看病时间办理；医保窗口为工作日 9:30-13:30，16:00-19:30（北京时间）。
medical-insurance-reimbursement-fees = 报销和异地就医备案都免费。
medical-insurance-reimbursement-contact = 拨打12393医疗保障服务热线，或12345政务服务便民热线。
medical-insurance-reimbursement-simple = 看病时出示社保卡，医保的钱当场就报了。去外地看病前，先办异地就医备案。有问题请打12393。
