//! A small in-memory cache of articles, so back/forward and prefetched links show instantly.
//! Bounded in size; entries older than the freshness window are fetched again.

use std::collections::VecDeque;

#[derive(Debug)]
pub struct Cache<T> {
    capacity: usize,
    fresh_ms: i64,
    /// Least recently used first.
    entries: VecDeque<(String, i64, T)>,
}

impl<T: Clone> Cache<T> {
    pub fn new(capacity: usize, fresh_ms: i64) -> Self {
        Cache { capacity: capacity.max(1), fresh_ms, entries: VecDeque::new() }
    }

    /// The value stored for `key` if it is still fresh at `now_ms`; a hit counts as a use.
    pub fn get(&mut self, key: &str, now_ms: i64) -> Option<T> {
        let index = self.entries.iter().position(|(k, _, _)| k == key)?;
        let (_, stored_at, _) = &self.entries[index];
        if now_ms - stored_at > self.fresh_ms || now_ms < *stored_at {
            self.entries.remove(index);
            return None;
        }
        let entry = self.entries.remove(index)?;
        let value = entry.2.clone();
        self.entries.push_back(entry);
        Some(value)
    }

    pub fn contains_fresh(&mut self, key: &str, now_ms: i64) -> bool {
        self.get(key, now_ms).is_some()
    }

    /// Stores `value`, evicting the least recently used entry when full.
    pub fn put(&mut self, key: &str, value: T, now_ms: i64) {
        self.entries.retain(|(k, _, _)| k != key);
        while self.entries.len() >= self.capacity {
            self.entries.pop_front();
        }
        self.entries.push_back((key.to_owned(), now_ms, value));
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.entries.len()
    }

    #[cfg(test)]
    fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serves_fresh_entries_and_drops_stale_ones() {
        let mut cache = Cache::new(4, 1_000);
        cache.put("a", 1, 0);
        assert_eq!(cache.get("a", 1_000), Some(1));
        assert_eq!(cache.get("a", 1_001), None);
        assert!(cache.is_empty(), "a stale entry is removed");
        cache.put("b", 2, 5_000);
        assert_eq!(cache.get("b", 4_000), None, "a clock that went back invalidates");
    }

    #[test]
    fn never_holds_more_than_its_capacity_and_evicts_least_recently_used() {
        let mut cache = Cache::new(3, i64::MAX);
        for (i, key) in ["a", "b", "c"].into_iter().enumerate() {
            cache.put(key, i, 0);
        }
        assert_eq!(cache.get("a", 0), Some(0), "touch a: b is now the oldest");
        cache.put("d", 3, 0);
        assert_eq!(cache.len(), 3);
        assert_eq!(cache.get("b", 0), None);
        assert_eq!(cache.get("a", 0), Some(0));
        for i in 0..100 {
            cache.put(&format!("k{i}"), i, 0);
            assert!(cache.len() <= 3);
        }
    }

    #[test]
    fn storing_again_replaces_and_refreshes() {
        let mut cache = Cache::new(2, 10);
        cache.put("a", 1, 0);
        cache.put("a", 2, 8);
        assert_eq!(cache.len(), 1);
        assert_eq!(cache.get("a", 15), Some(2));
    }
}
