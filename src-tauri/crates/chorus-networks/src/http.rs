//! Shared HTTP client: timeouts, user agent, status and Retry-After classification (being written).
