//! Small tables of the values many customers share (account managers, tag
//! sets), so that a row holds a number instead of strings.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Arc;

/// Values interned by index; index 0 is reserved for "none".
#[derive(Clone, Debug)]
pub struct Interner<T: Clone + Eq + Hash> {
    inner: Arc<Inner<T>>,
}

#[derive(Clone, Debug)]
struct Inner<T: Clone + Eq + Hash> {
    values: Vec<T>,
    index: HashMap<T, u32>,
}

impl<T: Clone + Eq + Hash> Interner<T> {
    /// `none` is the value stored at index 0.
    pub fn new(none: T) -> Self {
        let mut index = HashMap::new();
        index.insert(none.clone(), 0);
        Interner {
            inner: Arc::new(Inner {
                values: vec![none],
                index,
            }),
        }
    }

    pub fn intern(&mut self, value: &T) -> u32 {
        if let Some(&i) = self.inner.index.get(value) {
            return i;
        }
        let inner = Arc::make_mut(&mut self.inner);
        let i = inner.values.len() as u32;
        inner.values.push(value.clone());
        inner.index.insert(value.clone(), i);
        i
    }

    pub fn get(&self, i: u32) -> &T {
        &self.inner.values[i as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interns_once_and_reserves_zero_for_none() {
        let mut managers = Interner::new(String::new());
        let a = managers.intern(&"li.wei".to_string());
        let b = managers.intern(&"wang.fang".to_string());
        assert_eq!(managers.intern(&"li.wei".to_string()), a);
        assert_eq!((a, b), (1, 2));
        assert_eq!(managers.get(0), "");
    }
}
