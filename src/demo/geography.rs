//! Where demo customers live: provinces weighted like the mainland
//! property-and-casualty market (premium by province, roughly: Guangdong,
//! Jiangsu, Zhejiang and Shandong lead, Tibet, Qinghai and Ningxia trail) and
//! a few cities each, with the administrative-division code used in resident
//! ids and credit codes and the landline area code.

use super::rng::{Rng, Weighted};
use crate::model::Province;

pub struct City {
    pub name: &'static str,
    /// GB/T 2260 code of a district of the city (resident ids, USCC).
    pub division: &'static str,
    /// Landline area code, with the leading 0.
    pub area_code: &'static str,
}

pub struct Region {
    /// Short name as `Province::parse` accepts it.
    pub province: &'static str,
    /// Relative share of the market (about 100 million yuan of premium).
    pub weight: f64,
    /// Coastal provinces see typhoon losses.
    pub typhoon: bool,
    /// Seismic provinces (level 2-3 in classification.md's table) see
    /// earthquake losses.
    pub quake: bool,
    pub cities: &'static [City],
}

macro_rules! city {
    ($name:literal, $division:literal, $area:literal) => {
        City {
            name: $name,
            division: $division,
            area_code: $area,
        }
    };
}

/// Hong Kong, Macau and Taiwan are outside the mainland market and get no
/// demo customers.
#[rustfmt::skip]
pub const REGIONS: &[Region] = &[
    Region { province: "广东", weight: 1500.0, typhoon: true, quake: false, cities: &[
        city!("广州", "440106", "020"), city!("深圳", "440305", "0755"),
        city!("东莞", "441900", "0769"), city!("佛山", "440604", "0757")] },
    Region { province: "江苏", weight: 1100.0, typhoon: true, quake: false, cities: &[
        city!("南京", "320102", "025"), city!("苏州", "320505", "0512"),
        city!("无锡", "320214", "0510"), city!("常州", "320411", "0519")] },
    Region { province: "浙江", weight: 1050.0, typhoon: true, quake: false, cities: &[
        city!("杭州", "330106", "0571"), city!("宁波", "330212", "0574"),
        city!("温州", "330302", "0577"), city!("绍兴", "330602", "0575")] },
    Region { province: "山东", weight: 900.0, typhoon: true, quake: false, cities: &[
        city!("济南", "370102", "0531"), city!("青岛", "370212", "0532"),
        city!("烟台", "370602", "0535"), city!("潍坊", "370702", "0536")] },
    Region { province: "四川", weight: 650.0, typhoon: false, quake: true, cities: &[
        city!("成都", "510104", "028"), city!("绵阳", "510703", "0816")] },
    Region { province: "北京", weight: 600.0, typhoon: false, quake: true, cities: &[
        city!("北京", "110105", "010")] },
    Region { province: "上海", weight: 600.0, typhoon: true, quake: false, cities: &[
        city!("上海", "310115", "021")] },
    Region { province: "河南", weight: 600.0, typhoon: false, quake: false, cities: &[
        city!("郑州", "410102", "0371"), city!("洛阳", "410302", "0379")] },
    Region { province: "河北", weight: 580.0, typhoon: false, quake: true, cities: &[
        city!("石家庄", "130102", "0311"), city!("唐山", "130202", "0315"),
        city!("保定", "130602", "0312")] },
    Region { province: "安徽", weight: 500.0, typhoon: false, quake: false, cities: &[
        city!("合肥", "340102", "0551"), city!("芜湖", "340202", "0553")] },
    Region { province: "湖北", weight: 460.0, typhoon: false, quake: false, cities: &[
        city!("武汉", "420102", "027"), city!("宜昌", "420502", "0717")] },
    Region { province: "湖南", weight: 450.0, typhoon: false, quake: false, cities: &[
        city!("长沙", "430102", "0731"), city!("株洲", "430202", "0731")] },
    Region { province: "福建", weight: 450.0, typhoon: true, quake: false, cities: &[
        city!("福州", "350102", "0591"), city!("厦门", "350203", "0592"),
        city!("泉州", "350502", "0595")] },
    Region { province: "辽宁", weight: 350.0, typhoon: true, quake: false, cities: &[
        city!("沈阳", "210102", "024"), city!("大连", "210202", "0411")] },
    Region { province: "云南", weight: 340.0, typhoon: false, quake: true, cities: &[
        city!("昆明", "530102", "0871"), city!("大理", "532901", "0872")] },
    Region { province: "陕西", weight: 310.0, typhoon: false, quake: true, cities: &[
        city!("西安", "610102", "029"), city!("宝鸡", "610302", "0917")] },
    Region { province: "广西", weight: 300.0, typhoon: true, quake: false, cities: &[
        city!("南宁", "450102", "0771"), city!("柳州", "450202", "0772")] },
    Region { province: "江西", weight: 300.0, typhoon: false, quake: false, cities: &[
        city!("南昌", "360102", "0791"), city!("赣州", "360702", "0797")] },
    Region { province: "重庆", weight: 260.0, typhoon: false, quake: false, cities: &[
        city!("重庆", "500103", "023")] },
    Region { province: "贵州", weight: 250.0, typhoon: false, quake: false, cities: &[
        city!("贵阳", "520102", "0851"), city!("遵义", "520302", "0851")] },
    Region { province: "山西", weight: 250.0, typhoon: false, quake: true, cities: &[
        city!("太原", "140105", "0351"), city!("大同", "140213", "0352")] },
    Region { province: "内蒙古", weight: 240.0, typhoon: false, quake: false, cities: &[
        city!("呼和浩特", "150102", "0471"), city!("包头", "150203", "0472")] },
    Region { province: "新疆", weight: 240.0, typhoon: false, quake: true, cities: &[
        city!("乌鲁木齐", "650102", "0991"), city!("克拉玛依", "650202", "0990")] },
    Region { province: "天津", weight: 200.0, typhoon: true, quake: true, cities: &[
        city!("天津", "120101", "022")] },
    Region { province: "黑龙江", weight: 200.0, typhoon: false, quake: false, cities: &[
        city!("哈尔滨", "230102", "0451"), city!("大庆", "230602", "0459")] },
    Region { province: "吉林", weight: 150.0, typhoon: false, quake: false, cities: &[
        city!("长春", "220102", "0431"), city!("吉林", "220202", "0432")] },
    Region { province: "甘肃", weight: 150.0, typhoon: false, quake: true, cities: &[
        city!("兰州", "620102", "0931"), city!("天水", "620502", "0938")] },
    Region { province: "海南", weight: 100.0, typhoon: true, quake: false, cities: &[
        city!("海口", "460105", "0898"), city!("三亚", "460202", "0898")] },
    Region { province: "宁夏", weight: 60.0, typhoon: false, quake: true, cities: &[
        city!("银川", "640104", "0951")] },
    Region { province: "青海", weight: 50.0, typhoon: false, quake: true, cities: &[
        city!("西宁", "630102", "0971")] },
    Region { province: "西藏", weight: 30.0, typhoon: false, quake: true, cities: &[
        city!("拉萨", "540102", "0891")] },
];

/// A place: region and city.
#[derive(Clone, Copy)]
pub struct Place {
    pub region: &'static Region,
    pub province: Province,
    pub city: &'static City,
}

/// Samples places by market weight; the first city of a province (its
/// capital) gets twice the share of the others.
pub struct Geography {
    regions: Weighted<usize>,
    provinces: Vec<Province>,
}

impl Geography {
    pub fn new() -> Geography {
        let provinces = REGIONS
            .iter()
            .map(|r| {
                // The table above is ours: a name Province::parse refuses is a bug.
                Province::parse(r.province).expect("demo regions use known province names")
            })
            .collect();
        Geography {
            regions: Weighted::new(REGIONS.iter().enumerate().map(|(i, r)| (i, r.weight))),
            provinces,
        }
    }

    pub fn sample(&self, rng: &mut Rng) -> Place {
        self.place_in(self.regions.sample(rng), rng)
    }

    /// Another city of the same province (or the same city).
    pub fn near(&self, place: &Place, rng: &mut Rng) -> Place {
        let index = REGIONS
            .iter()
            .position(|r| std::ptr::eq(r, place.region))
            .unwrap_or(0);
        self.place_in(index, rng)
    }

    fn place_in(&self, index: usize, rng: &mut Rng) -> Place {
        let region = &REGIONS[index];
        let slots = region.cities.len() + 1;
        let slot = rng.below(slots as u64) as usize;
        Place {
            region,
            province: self.provinces[index],
            city: &region.cities[slot.saturating_sub(1)],
        }
    }
}

impl Default for Geography {
    fn default() -> Self {
        Geography::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_region_is_a_province_with_valid_codes() {
        let geo = Geography::new();
        assert_eq!(geo.provinces.len(), REGIONS.len());
        for region in REGIONS {
            for city in region.cities {
                assert_eq!(city.division.len(), 6);
                assert!(city.division.bytes().all(|b| b.is_ascii_digit()));
                assert!(city.area_code.starts_with('0'));
                assert!((3..=4).contains(&city.area_code.len()));
            }
        }
    }

    #[test]
    fn big_markets_dominate() {
        let geo = Geography::new();
        let mut rng = Rng::new(3);
        let n = 50_000;
        let count = |name: &str, rng: &mut Rng| {
            (0..n)
                .filter(|_| geo.sample(rng).province.short() == name)
                .count()
        };
        let guangdong = count("广东", &mut rng);
        let tibet = count("西藏", &mut rng);
        assert!(guangdong > 20 * tibet, "{guangdong} vs {tibet}");
    }
}
