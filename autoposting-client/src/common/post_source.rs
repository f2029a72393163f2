//! Where a post came from: a field of posts and the keys of usage by source.

use crate::common::string_enum::string_enum;

string_enum! {
    /// What created a post (the SDK's `source` field), also the keys of
    #[cfg_attr(
        feature = "usage",
        doc = "[`PostUsage::by_source`](crate::usage::PostUsage::by_source)."
    )]
    #[cfg_attr(not(feature = "usage"), doc = "`PostUsage::by_source`.")]
    pub enum PostSource {
        /// The REST API.
        Api = "api",
        /// The MCP server.
        Mcp = "mcp",
        /// The command-line tool.
        Cli = "cli",
        /// The web dashboard.
        Dashboard = "dashboard",
        /// An AI agent run.
        Agent = "agent",
    }
}
