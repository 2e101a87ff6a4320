### Social security card: application, replacement and activation

social-security-card-title = 社会保障卡申领、补换和激活
    .keywords = 社会保障卡, 社保卡
social-security-card-summary = 社会保障卡可以看病结算、领养老金、领各种补贴，新卡要先激活才能用。
social-security-card-eligibility = 参加社会保险的本地居民；卡丢失、损坏或到期的持卡人。
social-security-card-material-1 = 本人身份证。
social-security-card-material-2 = 近期免冠照片（多数网点可以现场拍照）。
social-security-card-material-3 = 补换卡要带原卡（丢失的先挂失）。
social-security-card-step-1 = 卡丢了，马上拨打12333或到银行网点挂失。
social-security-card-step-2 = 带身份证到县市社保窗口或社保卡合作银行网点，填写申请表。
social-security-card-step-3 = 能即时制卡的网点当场取卡，其他网点按通知时间领卡。
social-security-card-step-4 = 领卡时本人到场，设置密码，激活金融功能和社保功能。
social-security-card-place = 各县市政务服务中心社保窗口，或社会保障卡合作银行网点。
social-security-card-hours = 工作日 9:30-13:30，16:00-19:30（北京时间），节假日休息。
social-security-card-fees = 第一次申领免费；补卡、换卡有的网点收少量工本费，请问窗口。
social-security-card-contact = 拨打12333人力资源和社会保障服务热线。
social-security-card-simple = 社保卡看病、领养老金都要用，第一次办理免费。卡丢了请马上打12333挂失。带身份证到社保窗口或银行办理。
