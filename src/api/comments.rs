//! Comments: reading pages of a thread and posting new comments.
