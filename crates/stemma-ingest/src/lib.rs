//! Reading documents from everything a user has.

pub mod decode;
pub mod html;
pub mod warc;
