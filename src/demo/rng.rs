//! The demo book's random numbers: our own small generator, so that the book
//! made for a seed never changes because a crate changed its algorithm.
//!
//! `SplitMix64` turns a seed (and a customer's number) into the state of a
//! `xoshiro256**` generator; every customer has its own stream, so customers
//! can be generated in any order, on any thread, with the same result.

/// xoshiro256** (Blackman & Vigna), seeded through SplitMix64.
#[derive(Clone, Debug)]
pub struct Rng {
    s: [u64; 4],
}

fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    pub fn new(seed: u64) -> Rng {
        let mut state = seed;
        let s = [
            splitmix64(&mut state),
            splitmix64(&mut state),
            splitmix64(&mut state),
            splitmix64(&mut state),
        ];
        Rng { s }
    }

    /// The independent stream of item `index` (a customer) under `seed`.
    pub fn for_item(seed: u64, index: u64) -> Rng {
        let mut state = seed ^ 0x6A09_E667_F3BC_C909;
        let mixed = splitmix64(&mut state) ^ index.wrapping_mul(0xD1B5_4A32_D192_ED03);
        Rng::new(mixed)
    }

    pub fn next_u64(&mut self) -> u64 {
        let result = self.s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = self.s[1] << 17;
        self.s[2] ^= self.s[0];
        self.s[3] ^= self.s[1];
        self.s[1] ^= self.s[2];
        self.s[0] ^= self.s[3];
        self.s[2] ^= t;
        self.s[3] = self.s[3].rotate_left(45);
        result
    }

    /// Uniform in `[0, 1)` with 53 bits.
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform integer in `0..n` (`n > 0`), by Lemire's multiply-shift (the
    /// tiny bias is irrelevant here).
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform integer in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.uniform() < p
    }

    /// One of the items, uniformly (`items` not empty).
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// Standard normal, by Box-Muller (one of the pair is used: simpler, and
    /// the cost is irrelevant next to sled).
    pub fn normal(&mut self) -> f64 {
        let u1 = 1.0 - self.uniform(); // (0, 1]: ln is finite
        let u2 = self.uniform();
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }

    /// Lognormal with the given median and log-scale spread `sigma`.
    pub fn lognormal(&mut self, median: f64, sigma: f64) -> f64 {
        median * (sigma * self.normal()).exp()
    }

    /// Lognormal with mean 1 (a multiplicative noise factor).
    pub fn lognormal_unit_mean(&mut self, sigma: f64) -> f64 {
        (sigma * self.normal() - sigma * sigma / 2.0).exp()
    }

    /// Exponential with the given mean.
    pub fn exponential(&mut self, mean: f64) -> f64 {
        -mean * (1.0 - self.uniform()).ln()
    }

    /// Poisson, by Knuth's product of uniforms (the means here are small);
    /// large means use the normal approximation.
    pub fn poisson(&mut self, mean: f64) -> u32 {
        if mean <= 0.0 {
            return 0;
        }
        if mean > 30.0 {
            return (mean + mean.sqrt() * self.normal()).round().max(0.0) as u32;
        }
        let limit = (-mean).exp();
        let mut product = self.uniform();
        let mut count = 0;
        while product > limit {
            count += 1;
            product *= self.uniform();
        }
        count
    }
}

/// A fixed table of items with weights, sampled by binary search over the
/// cumulative weights.
#[derive(Clone, Debug)]
pub struct Weighted<T> {
    items: Vec<T>,
    cumulative: Vec<f64>,
}

impl<T: Clone> Weighted<T> {
    /// `pairs` must hold at least one positive weight.
    pub fn new(pairs: impl IntoIterator<Item = (T, f64)>) -> Weighted<T> {
        let mut items = Vec::new();
        let mut cumulative = Vec::new();
        let mut total = 0.0;
        for (item, weight) in pairs {
            if weight > 0.0 {
                total += weight;
                items.push(item);
                cumulative.push(total);
            }
        }
        assert!(total > 0.0, "a weighted table needs a positive weight");
        Weighted { items, cumulative }
    }

    pub fn sample(&self, rng: &mut Rng) -> T {
        let target = rng.uniform() * self.cumulative[self.cumulative.len() - 1];
        let i = self.cumulative.partition_point(|c| *c <= target);
        self.items[i.min(self.items.len() - 1)].clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_fixed_forever() {
        // These values pin the algorithm (checked against an independent
        // implementation): a change here changes every demo book.
        let mut rng = Rng::new(1);
        let first: Vec<u64> = (0..3).map(|_| rng.next_u64()).collect();
        assert_eq!(
            first,
            [
                0xb3f2_af6d_0fc7_10c5,
                0x853b_5596_4736_4cea,
                0x92f8_9756_082a_4514
            ]
        );
        assert_ne!(
            Rng::for_item(1, 0).next_u64(),
            Rng::for_item(1, 1).next_u64()
        );
        assert_ne!(
            Rng::for_item(1, 0).next_u64(),
            Rng::for_item(2, 0).next_u64()
        );
    }

    #[test]
    fn distributions_have_their_moments() {
        let mut rng = Rng::new(42);
        let n = 200_000;
        let mean = |f: &mut dyn FnMut() -> f64| (0..n).map(|_| f()).sum::<f64>() / n as f64;
        assert!((mean(&mut || rng.uniform()) - 0.5).abs() < 0.01);
        let mut rng = Rng::new(43);
        assert!(mean(&mut || rng.normal()).abs() < 0.01);
        let mut rng = Rng::new(44);
        assert!((mean(&mut || rng.normal().powi(2)) - 1.0).abs() < 0.02);
        let mut rng = Rng::new(45);
        assert!((mean(&mut || rng.lognormal_unit_mean(0.8)) - 1.0).abs() < 0.02);
        let mut rng = Rng::new(46);
        assert!((mean(&mut || f64::from(rng.poisson(0.2))) - 0.2).abs() < 0.01);
        let mut rng = Rng::new(47);
        assert!((mean(&mut || f64::from(rng.poisson(50.0))) - 50.0).abs() < 0.2);
        let mut rng = Rng::new(48);
        assert!((mean(&mut || rng.exponential(3.0)) - 3.0).abs() < 0.05);
        let mut rng = Rng::new(49);
        let counts = (0..n).fold([0u32; 5], |mut c, _| {
            c[rng.range(1, 5) as usize - 1] += 1;
            c
        });
        assert!(counts
            .iter()
            .all(|c| (*c as f64 / n as f64 - 0.2).abs() < 0.01));
    }

    #[test]
    fn weighted_choice_follows_weights() {
        let table = Weighted::new([('a', 1.0), ('b', 3.0), ('z', 0.0)]);
        let mut rng = Rng::new(7);
        let n = 100_000;
        let bs = (0..n).filter(|_| table.sample(&mut rng) == 'b').count();
        assert!((bs as f64 / n as f64 - 0.75).abs() < 0.01);
    }
}
