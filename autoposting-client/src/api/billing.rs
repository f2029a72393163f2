//! Billing: credits, plan changes and subscription status.
//!
//! The [`Billing`] trait declares the operations of the API's *Billing* tag; [`Client`]
//! implements it.
//!
//! Credits pay for AI work and renders (a carousel's copy costs 15, its design 15, each
//! refinement 10; a clip render depends on its length and resolution). A call that needs
//! more credits than are left fails with status 402 and code `insufficient_credits`; while
//! the subscription is suspended, content-creating and mutating calls fail with 403 and
//! code `billing_suspended`.
//!
//! [`Client`]: crate::Client

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::common::string_enum::string_enum;
use crate::{Result, api};

/// Operations of the *Billing* tag.
#[api(crate = "crate", async_fn_docs)]
pub trait Billing {
    /// The organisation's credit balance.
    ///
    /// **Evidence caveat**: the reference documents `{balance, monthlyAllocation, resetAt}`;
    /// the official SDK reads `{balance, balanceFormatted, recentUsage, totalSpent30d}`.
    /// [`CreditBalance`] decodes both: `balance` is always there, the rest is optional.
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) with status 401 without a valid key, 403
    /// for a credential without the permission, 429 when rate limited.
    #[get("/billing/credits")]
    async fn get_credit_balance(&self) -> Result<CreditBalance>;

    /// The credit balance with what was used this period and on what.
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) with status 401 without a valid key, 403
    /// for a credential without the permission, 429 when rate limited.
    #[get("/billing/credit-summary")]
    async fn get_credit_summary(&self) -> Result<CreditSummary>;

    /// Schedules a change of subscription plan; it takes effect at
    /// [`PlanChange::effective_at`], usually the end of the current period.
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) with status 400 for a missing or unknown
    /// plan id, 401 without a valid key, 403 for a credential without the permission to
    /// manage billing, 429 when rate limited.
    #[post("/billing/change-plan")]
    async fn change_plan(&self, #[body] request: &ChangePlanRequest) -> Result<PlanChange>;

    /// The subscription: plan, status, current period, trial, pending change, accounts and
    /// credits.
    ///
    /// Known from the SDK only (`BillingStatus`); every field but `plan` is optional
    /// because the SDK's versions disagree and several fields are `null` without a
    /// subscription.
    ///
    /// # Errors
    /// [`ErrorKind::Api`](crate::ErrorKind::Api) with status 401 without a valid key, 403
    /// for a credential without the permission, 429 when rate limited.
    #[get("/billing/status")]
    async fn get_billing_status(&self) -> Result<BillingStatus>;
}

/// The organisation's credits, from [`Billing::get_credit_balance`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CreditBalance {
    /// Credits left, e.g. `450`.
    pub balance: u64,
    /// Credits granted each month (reference shape), e.g. `500`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monthly_allocation: Option<u64>,
    /// When the allocation is next granted (reference shape).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reset_at: Option<DateTime<Utc>>,
    /// The balance formatted for display (SDK shape).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub balance_formatted: Option<String>,
    /// Recent credit spending (SDK shape). The SDK does not describe the entries, so they
    /// are kept as received.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recent_usage: Option<Vec<serde_json::Value>>,
    /// Credits spent in the last 30 days (SDK shape).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_spent30d: Option<u64>,
}

/// The credit balance and its use, from [`Billing::get_credit_summary`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CreditSummary {
    /// Credits left.
    pub balance: u64,
    /// Credits granted each month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monthly_allocation: Option<u64>,
    /// Credits spent this period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub used: Option<u64>,
    /// Credits spent this period, by kind of work.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breakdown: Option<CreditBreakdown>,
    /// When the allocation is next granted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reset_at: Option<DateTime<Utc>>,
}

/// Credits spent by kind of work, in [`CreditSummary::breakdown`]. A kind the response
/// leaves out is `None`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CreditBreakdown {
    /// Clip renders.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clips: Option<u64>,
    /// AI generation (posts, carousels, ideas…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ai_generation: Option<u64>,
    /// Everything else.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other: Option<u64>,
}

/// The body of [`Billing::change_plan`].
///
/// ```
/// use autoposting_client::billing::ChangePlanRequest;
///
/// let request = ChangePlanRequest::new("plan_business"); // {"planId": "plan_business"}
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ChangePlanRequest {
    /// The id of the plan to move to, e.g. `plan_business`.
    pub plan_id: String,
}

impl ChangePlanRequest {
    /// A change to the plan `plan_id`.
    pub fn new(plan_id: impl Into<String>) -> Self {
        ChangePlanRequest {
            plan_id: plan_id.into(),
        }
    }
}

/// A scheduled plan change, from [`Billing::change_plan`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PlanChange {
    /// The plan in force until the change, e.g. `plan_pro`.
    pub current_plan_id: String,
    /// The plan the organisation moves to, e.g. `plan_business`.
    pub pending_plan_id: String,
    /// When the change takes effect (RFC 3339, UTC).
    pub effective_at: DateTime<Utc>,
}

/// The subscription, from [`Billing::get_billing_status`] (the SDK's `BillingStatus`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct BillingStatus {
    /// The plan id, e.g. `pro`.
    pub plan: String,
    /// The plan's display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_name: Option<String>,
    /// How often the subscription bills (e.g. monthly or yearly; the SDK does not list the
    /// values); `None` without a subscription.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billing_cycle: Option<String>,
    /// The subscription's state; `None` without a subscription.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<SubscriptionStatus>,
    /// When the current billing period started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_period_start: Option<DateTime<Utc>>,
    /// When the current billing period ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_period_end: Option<DateTime<Utc>>,
    /// When the trial ends, during a trial.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trial_end: Option<DateTime<Utc>>,
    /// Whether the organisation is in its trial.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_trialing: Option<bool>,
    /// When the subscription was cancelled, if it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancelled_at: Option<DateTime<Utc>>,
    /// When the subscription was suspended, if it is; mutating calls then fail with
    /// `billing_suspended`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suspended_at: Option<DateTime<Utc>>,
    /// The plan a scheduled change moves to ([`Billing::change_plan`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending_plan: Option<String>,
    /// When the scheduled plan change takes effect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending_change_date: Option<DateTime<Utc>>,
    /// The organisation's customer id at the payment provider (Dodo Payments).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dodo_customer_id: Option<String>,
    /// Whether the one-time setup fee is paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub setup_fee_verified: Option<bool>,
    /// How many social accounts the plan allows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_limit: Option<u64>,
    /// How many social accounts are connected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accounts_used: Option<u64>,
    /// Credits left.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit_balance: Option<u64>,
    /// The factor applied to credit costs on this plan, e.g. `1.0`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_multiplier: Option<f64>,
}

string_enum! {
    /// The state of a subscription ([`BillingStatus::status`]). The values are those of an
    /// earlier version of the SDK's types; the current one types the field as a string.
    pub enum SubscriptionStatus {
        /// Paid and in force.
        Active = "active",
        /// In its free trial.
        Trialing = "trialing",
        /// Cancelled; the SDK spells it `canceled`, the API's field names `cancelled`.
        Canceled = "canceled" | "cancelled",
        /// A payment is overdue.
        PastDue = "past_due",
    }
}
