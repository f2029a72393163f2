//! The API surface: one module per API area, each opening with its `#[api]` trait (the
//! area's table of contents), then its models.
//!
//! Areas import shared types from [`crate::common`] and the runtime, never from each other.
//! Each area is behind the cargo feature of its module's name (`agents`, `api_keys`, …,
//! all on by default through `full`), so a crate that turns the defaults off and names the
//! areas it calls compiles only those.

/// Declares each area once: its module behind its feature, its trait (for the prelude) and
/// its endpoint table (for [`crate::endpoints`]).
macro_rules! areas {
    ($($feature:literal => $module:ident::$Trait:ident,)*) => {
        $(
            #[cfg(feature = $feature)]
            pub mod $module;
        )*

        /// Every area's trait, re-exported by the prelude.
        pub(crate) mod traits {
            $(
                #[cfg(feature = $feature)]
                pub use super::$module::$Trait;
            )*
        }

        /// Every area's endpoints, area by area.
        pub(crate) const ENDPOINT_TABLES: &[&[crate::Endpoint]] = &[
            $(
                #[cfg(feature = $feature)]
                <dyn $module::$Trait>::ENDPOINTS,
            )*
        ];
    };
}

areas! {
    "agents" => agents::Agents,
    "api_keys" => api_keys::ApiKeys,
    "auth" => auth::Auth,
    "billing" => billing::Billing,
    "brands" => brands::Brands,
    "carousels" => carousels::Carousels,
    "clips" => clips::Clips,
    "health" => health::Health,
    "knowledge_base" => knowledge_base::KnowledgeBase,
    "notifications" => notifications::Notifications,
    "organizations" => organizations::Organizations,
    "platform_oauth" => platform_oauth::PlatformOauth,
    "posts" => posts::Posts,
    "usage" => usage::Usage,
    "webhooks" => webhooks::Webhooks,
}
