### Doorstep service for people with limited mobility

doorstep-service-title = 上门服务
    .keywords = 上门服务, 上门, 到家办理
doorstep-service-summary = 行动不便的老人和残疾人，可以请工作人员到家里帮忙办事。
doorstep-service-eligibility = 高龄、失能、重病卧床、重度残疾等行动不便、不能到窗口办事的人。
doorstep-service-material-1 = 本人的身份证和户口本。
doorstep-service-material-2 = 所办业务需要的其他材料（预约时工作人员会告诉您）。
doorstep-service-material-3 = 残疾证或医院证明（有的话）。
doorstep-service-step-1 = 本人或家属拨打12345，或联系所在社区、乡镇（街道）便民服务中心，申请上门服务。
doorstep-service-step-2 = 说清楚老人的姓名、住址、要办的事和方便的时间。
doorstep-service-step-3 = 工作人员按约好的时间上门，在家里采集信息、办理业务。
doorstep-service-step-4 = 能当场办完的当场办完；不能当场办完的，办好后把证件送上门或打电话通知。
doorstep-service-place = 老人家中，由社区或乡镇（街道）便民服务中心派工作人员上门。
doorstep-service-hours = 工作日预约，上门时间和您商量确定。
doorstep-service-fees = 上门服务免费，工作人员不收任何费用。
doorstep-service-contact = 拨打12345政务服务便民热线，或联系所在社区。
doorstep-service-simple = 老人行动不便，可以请工作人员上门办理，免费。请打12345或联系社区预约。工作人员不收任何费用。
