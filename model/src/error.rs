//! The error body a backend MAY send with a non-2xx status.

use serde::{Deserialize, Serialize};

use crate::lenient::contract_struct;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

contract_struct! {
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    pub struct ErrorDetail {
        pub code: String,
        pub message: String,
        /// The request field the error is about, e.g. `body` for a comment that is too long.
        #[optional] pub field: Option<String>,
    }
}

impl ErrorBody {
    pub fn new(code: &str, message: impl Into<String>, field: Option<&str>) -> Self {
        ErrorBody {
            error: ErrorDetail {
                code: code.to_owned(),
                message: message.into(),
                field: field.map(str::to_owned),
            },
        }
    }
}
