//! The enumerations of data-formats.md, with their Chinese labels.

use crate::labelled_enum;

labelled_enum!(
    /// Individual, small/medium enterprise or large enterprise.
    CustomerKind {
        Individual = "individual" ["个人"],
        Sme = "sme" ["中小微企业"],
        Large = "large" ["大型企业"],
    }
);

impl CustomerKind {
    pub fn is_enterprise(self) -> bool {
        !matches!(self, CustomerKind::Individual)
    }
}

labelled_enum!(
    /// Construction class of an insured location (ISO COPE "C").
    Construction {
        FireResistive = "fire_resistive" ["耐火", "钢混"],
        NonCombustible = "non_combustible" ["不燃"],
        Masonry = "masonry" ["砖混"],
        Frame = "frame" ["木结构"],
    }
);

labelled_enum!(
    /// Occupancy of an insured location (COPE "O").
    Occupancy {
        Residential = "residential" ["住宅"],
        Office = "office" ["办公"],
        Retail = "retail" ["商铺"],
        Warehouse = "warehouse" ["仓储"],
        Manufacturing = "manufacturing" ["生产"],
        Hazardous = "hazardous" ["危险品"],
    }
);

labelled_enum!(
    /// Line of business of a policy.
    Line {
        Property = "property" ["企财险"],
        Engineering = "engineering" ["工程险"],
        Liability = "liability" ["责任险"],
        Cargo = "cargo" ["货运险"],
        Motor = "motor" ["车险"],
        Homeowners = "homeowners" ["家财险"],
        Accident = "accident" ["意外险"],
        Other = "other" ["其他"],
    }
);

labelled_enum!(
    /// Cause of loss of a claim.
    LossCause {
        Fire = "fire" ["火灾"],
        Flood = "flood" ["洪水"],
        Typhoon = "typhoon" ["台风"],
        Earthquake = "earthquake" ["地震"],
        Theft = "theft" ["盗抢"],
        Collision = "collision" ["碰撞"],
        WaterDamage = "water_damage" ["水渍"],
        Liability = "liability" ["责任"],
        Other = "other" ["其他"],
    }
);

labelled_enum!(
    /// Status of a claim; denied claims count as no claim.
    ClaimStatus {
        Open = "open" ["未决"],
        Closed = "closed" ["已决"],
        Denied = "denied" ["拒赔"],
    }
);

labelled_enum!(
    /// Channel of an interaction.
    Channel {
        Phone = "phone" ["电话"],
        Wechat = "wechat" ["微信"],
        App = "app" [],
        Web = "web" [],
        Email = "email" [],
        Sms = "sms" ["短信"],
        Visit = "visit" ["上门"],
        Agent = "agent" ["代理人"],
    }
);

labelled_enum!(
    /// What an interaction was about.
    InteractionKind {
        Inquiry = "inquiry" ["咨询"],
        Quote = "quote" ["报价"],
        Purchase = "purchase" ["投保"],
        Renewal = "renewal" ["续保"],
        Complaint = "complaint" ["投诉"],
        ClaimReport = "claim_report" ["报案"],
        Service = "service" ["服务"],
        Survey = "survey" ["满意度调查"],
        Education = "education" ["风险教育"],
        Visit = "visit" ["回访"],
        RiskSurvey = "risk_survey" ["风险查勘"],
    }
);

labelled_enum!(
    /// Status of a follow-up task.
    TaskStatus {
        Open = "open" ["未完成", "待办"],
        Done = "done" ["已完成"],
        Cancelled = "cancelled" ["已取消"],
    }
);

labelled_enum!(
    /// Priority of a follow-up task.
    Priority {
        High = "high" ["高"],
        Normal = "normal" ["普通", "中"],
        Low = "low" ["低"],
    }
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Labelled;

    #[test]
    fn parses_codes_case_insensitively_and_chinese_labels() {
        assert_eq!(CustomerKind::parse_label(" SME "), Some(CustomerKind::Sme));
        assert_eq!(
            CustomerKind::parse_label("个人"),
            Some(CustomerKind::Individual)
        );
        assert_eq!(
            Construction::parse_label("钢混"),
            Some(Construction::FireResistive)
        );
        assert_eq!(Line::parse_label("车险"), Some(Line::Motor));
        assert_eq!(Line::parse_label("car"), None);
        assert_eq!(Line::Motor.to_string(), "motor");
    }
}
