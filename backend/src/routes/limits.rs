//! The limit on comment posts per client, and which client a post counts against.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv6Addr};
use std::time::{Duration, Instant};

use axum::http::HeaderMap;

/// A fixed-window limit on comment posts per client: at most `max` per `window`. A client is an
/// IPv4 address or an IPv6 /64 (one subscriber's usual allocation, so that rotating addresses
/// within it does not help). Memory is bounded: finished windows are forgotten at least once per
/// window, and when `capacity` clients are in their window, the one whose window started first
/// is forgotten to make room.
pub struct RateLimiter {
    max: u32,
    window: Duration,
    capacity: usize,
    /// Each client's window start and the posts allowed in it.
    seen: HashMap<IpAddr, (Instant, u32)>,
    last_pruned: Option<Instant>,
}

impl RateLimiter {
    pub fn new(max: u32, window: Duration, capacity: usize) -> Self {
        RateLimiter {
            max,
            window,
            capacity: capacity.max(1),
            seen: HashMap::new(),
            last_pruned: None,
        }
    }

    /// Counts a post by `ip` at `now`, or says how long until the client may post again.
    pub fn check(&mut self, ip: IpAddr, now: Instant) -> Result<(), Duration> {
        let client = client_key(ip);
        let window = self.window;
        let prune_due = self.last_pruned.is_none_or(|at| now.duration_since(at) >= window);
        if prune_due || self.seen.len() >= self.capacity {
            self.seen.retain(|_, (start, _)| now.duration_since(*start) < window);
            self.last_pruned = Some(now);
        }
        if !self.seen.contains_key(&client) && self.seen.len() >= self.capacity {
            let oldest = self.seen.iter().min_by_key(|(_, (start, _))| *start).map(|(k, _)| *k);
            if let Some(oldest) = oldest {
                self.seen.remove(&oldest);
            }
        }
        let (start, count) = self.seen.entry(client).or_insert((now, 0));
        if now.duration_since(*start) >= window {
            (*start, *count) = (now, 0);
        }
        if *count < self.max {
            *count += 1;
            Ok(())
        } else {
            Err((*start + window).saturating_duration_since(now))
        }
    }

    /// How many clients are remembered.
    #[cfg(test)]
    fn tracked(&self) -> usize {
        self.seen.len()
    }
}

/// IPv4 addresses (also IPv4-mapped IPv6 ones) as they are, IPv6 addresses by their /64.
fn client_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(v4) => IpAddr::V4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(Ipv6Addr::from(v6.to_bits() & !u128::from(u64::MAX))),
        },
    }
}

/// The address a post is counted against: the connection's peer, or with `trust_forwarded_for`
/// the last address in the last `X-Forwarded-For` header (the one the proxy in front added;
/// earlier entries come from the client and prove nothing). Without the header, the peer.
pub fn client_address(peer: IpAddr, headers: &HeaderMap, trust_forwarded_for: bool) -> IpAddr {
    if !trust_forwarded_for {
        return peer;
    }
    headers
        .get_all("x-forwarded-for")
        .iter()
        .next_back()
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.rsplit(',').next())
        .and_then(|last| last.trim().parse().ok())
        .unwrap_or(peer)
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    #[test]
    fn rate_limiter_allows_max_per_window_and_says_when_to_retry() {
        let mut limiter = RateLimiter::new(2, Duration::from_secs(60), 100);
        let ip = IpAddr::from([127, 0, 0, 1]);
        let start = Instant::now();
        assert_eq!(limiter.check(ip, start), Ok(()));
        assert_eq!(limiter.check(ip, start), Ok(()));
        assert_eq!(
            limiter.check(ip, start + Duration::from_secs(1)),
            Err(Duration::from_secs(59)),
            "refused until the window ends"
        );
        assert_eq!(limiter.check(IpAddr::from([127, 0, 0, 2]), start), Ok(()), "per client");
        assert_eq!(limiter.check(ip, start + Duration::from_secs(60)), Ok(()), "a new window");
    }

    #[test]
    fn rate_limiter_memory_is_bounded() {
        let mut limiter = RateLimiter::new(1, Duration::from_secs(60), 100);
        let start = Instant::now();
        for n in 0..1_000u32 {
            let _ = limiter.check(IpAddr::from(n.to_be_bytes()), start);
            assert!(limiter.tracked() <= 100);
        }
        // Finished windows are forgotten even below the capacity.
        let later = start + Duration::from_secs(61);
        assert_eq!(limiter.check(IpAddr::from([10, 0, 0, 1]), later), Ok(()));
        assert_eq!(limiter.tracked(), 1);
    }

    #[test]
    fn rate_limiter_counts_an_ipv6_64_as_one_client() {
        let mut limiter = RateLimiter::new(1, Duration::from_secs(60), 100);
        let now = Instant::now();
        let a: IpAddr = "2001:db8:1:2::1".parse().expect("address");
        let b: IpAddr = "2001:db8:1:2:ffff::9".parse().expect("address");
        let other: IpAddr = "2001:db8:1:3::1".parse().expect("address");
        assert_eq!(limiter.check(a, now), Ok(()));
        assert!(limiter.check(b, now).is_err(), "same /64");
        assert_eq!(limiter.check(other, now), Ok(()));
        let mapped: IpAddr = "::ffff:192.0.2.7".parse().expect("address");
        assert_eq!(limiter.check(mapped, now), Ok(()));
        assert!(limiter.check(IpAddr::from([192, 0, 2, 7]), now).is_err(), "mapped is IPv4");
    }

    #[test]
    fn forwarded_for_counts_only_when_trusted_and_only_its_last_entry() {
        let peer = IpAddr::from([10, 0, 0, 1]);
        let mut headers = HeaderMap::new();
        headers.append("x-forwarded-for", HeaderValue::from_static("198.51.100.1, 203.0.113.9"));
        assert_eq!(client_address(peer, &headers, false), peer);
        assert_eq!(client_address(peer, &headers, true), IpAddr::from([203, 0, 113, 9]));
        headers.append("x-forwarded-for", HeaderValue::from_static("not an address"));
        assert_eq!(client_address(peer, &headers, true), peer);
        assert_eq!(client_address(peer, &HeaderMap::new(), true), peer);
    }
}
