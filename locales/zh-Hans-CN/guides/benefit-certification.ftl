### Pension eligibility certification

benefit-certification-title = 养老待遇领取资格认证
    .keywords = 资格认证, 养老认证, 待遇认证, 认证
benefit-certification-summary = 领取养老金的人每年做一次资格认证，确认本人健在，养老金才能继续发放。
benefit-certification-eligibility = 正在领取养老金的退休人员和城乡居民养老保险待遇领取人员。
benefit-certification-material-1 = 本人身份证。
benefit-certification-material-2 = 一部能上网的智能手机（在家认证时用）。
benefit-certification-material-3 = 本人社会保障卡（到服务点认证时带上）。
benefit-certification-step-1 = 在家认证：在手机上打开人社部门的应用（如“掌上12333”），选择“待遇资格认证”，按提示刷脸。
benefit-certification-step-2 = 子女或亲属帮忙认证：用亲属的手机登录，添加老人信息后，让老人本人对着镜头刷脸。
benefit-certification-step-3 = 到服务点认证：到社区、乡镇（街道）便民服务中心或县市社保窗口，工作人员帮您刷脸认证。
benefit-certification-step-4 = 认证成功后，养老金照常发放；超过期限没有认证的，养老金会暂停发放，补做认证后恢复。
benefit-certification-place = 家中手机、亲属手机，或社区、乡镇（街道）便民服务中心、县市社保窗口。
benefit-certification-hours = 手机认证全天都可以；服务点为工作日 9:30-13:30，16:00-19:30（北京时间）。
benefit-certification-fees = 资格认证完全免费，向您要钱的都是骗子。
benefit-certification-contact = 拨打12333人力资源和社会保障服务热线，或12345政务服务便民热线。
benefit-certification-simple = 领养老金的人每年要刷脸认证一次，完全免费。可以在家用手机、用子女的手机，或到社区办。不会操作请打12333。
