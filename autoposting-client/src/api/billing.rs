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
//! Credit amounts are `f64`: costs are multiplied by the plan's
//! [`cost_multiplier`](BillingStatus::cost_multiplier), so balances and spending can be
//! fractional (`"totalSpent30d": 2.5`). Counters of things (accounts) are integers, signed
//! where the API uses `-1` for "unlimited".
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
///
/// The reference's shape and the SDK's decode alike:
///
/// ```json
/// {"balance": 450, "monthlyAllocation": 500, "resetAt": "2024-02-01T00:00:00Z"}
/// ```
///
/// ```json
/// {"balance": 1250.5, "balanceFormatted": "1,250.5", "recentUsage": [], "totalSpent30d": 2.5}
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CreditBalance {
    /// `balance`: credits left, e.g. `450`; fractional where a plan's cost multiplier made
    /// a cost fractional (`312.5`).
    #[serde(serialize_with = "crate::common::number::whole_as_integer")]
    pub balance: f64,
    /// `monthlyAllocation`: credits granted each month (reference shape), e.g. `500`.
    #[serde(
        serialize_with = "crate::common::number::optional_whole_as_integer",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub monthly_allocation: Option<f64>,
    /// `resetAt`: when the allocation is next granted (reference shape).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reset_at: Option<DateTime<Utc>>,
    /// `balanceFormatted`: the balance formatted for display (SDK shape).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub balance_formatted: Option<String>,
    /// `recentUsage`: recent credit spending (SDK shape). The SDK does not describe the entries, so they
    /// are kept as received.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recent_usage: Option<Vec<serde_json::Value>>,
    /// `totalSpent30d`: credits spent in the last 30 days (SDK shape).
    #[serde(
        serialize_with = "crate::common::number::optional_whole_as_integer",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub total_spent30d: Option<f64>,
}

/// The credit balance and its use, from [`Billing::get_credit_summary`].
///
/// ```json
/// {"balance": 313, "monthlyAllocation": 500, "used": 187,
///  "breakdown": {"clips": 120, "aiGeneration": 55, "other": 12}, "resetAt": "2024-02-01T00:00:00Z"}
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CreditSummary {
    /// `balance`: credits left.
    #[serde(serialize_with = "crate::common::number::whole_as_integer")]
    pub balance: f64,
    /// `monthlyAllocation`: credits granted each month.
    #[serde(
        serialize_with = "crate::common::number::optional_whole_as_integer",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub monthly_allocation: Option<f64>,
    /// `used`: credits spent this period.
    #[serde(
        serialize_with = "crate::common::number::optional_whole_as_integer",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub used: Option<f64>,
    /// `breakdown`: credits spent this period, by kind of work.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breakdown: Option<CreditBreakdown>,
    /// `resetAt`: when the allocation is next granted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reset_at: Option<DateTime<Utc>>,
}

/// Credits spent by kind of work, in [`CreditSummary::breakdown`]. A kind the response
/// leaves out is `None`.
///
/// ```json
/// {"clips": 120, "aiGeneration": 55.5, "other": 12}
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CreditBreakdown {
    /// `clips`: clip renders.
    #[serde(
        serialize_with = "crate::common::number::optional_whole_as_integer",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub clips: Option<f64>,
    /// `aiGeneration`: AI generation (posts, carousels, ideas…).
    #[serde(
        serialize_with = "crate::common::number::optional_whole_as_integer",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub ai_generation: Option<f64>,
    /// `other`: everything else.
    #[serde(
        serialize_with = "crate::common::number::optional_whole_as_integer",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub other: Option<f64>,
}

/// The body of [`Billing::change_plan`]: `ChangePlanRequest::new(plan_id)`, or the same
/// through [`ChangePlanRequest::builder`].
///
/// ```
/// use autoposting_client::billing::ChangePlanRequest;
///
/// let request = ChangePlanRequest::new("plan_business");
/// ```
///
/// ```json
/// {"planId": "plan_business"}
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, bon::Builder)]
#[builder(on(String, into))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ChangePlanRequest {
    /// `planId`: the id of the plan to move to, e.g. `plan_business`.
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
///
/// ```json
/// {"currentPlanId": "plan_pro", "pendingPlanId": "plan_business", "effectiveAt": "2024-02-01T00:00:00Z"}
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PlanChange {
    /// `currentPlanId`: the plan in force until the change, e.g. `plan_pro`.
    pub current_plan_id: String,
    /// `pendingPlanId`: the plan the organisation moves to, e.g. `plan_business`.
    pub pending_plan_id: String,
    /// `effectiveAt`: when the change takes effect (RFC 3339, UTC).
    pub effective_at: DateTime<Utc>,
}

/// The subscription, from [`Billing::get_billing_status`] (the SDK's `BillingStatus`).
///
/// ```json
/// {"plan": "pro", "planName": "Pro", "billingCycle": "monthly", "status": "active",
///  "currentPeriodStart": "2024-01-01T00:00:00Z", "currentPeriodEnd": "2024-02-01T00:00:00Z",
///  "trialEnd": null, "isTrialing": false, "cancelledAt": null, "suspendedAt": null,
///  "pendingPlan": null, "pendingChangeDate": null, "dodoCustomerId": "cus_8Hk2",
///  "setupFeeVerified": true, "accountLimit": -1, "accountsUsed": 4, "creditBalance": 313.5,
///  "costMultiplier": 0.8}
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct BillingStatus {
    /// `plan`: the plan id, e.g. `pro`.
    pub plan: String,
    /// `planName`: the plan's display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_name: Option<String>,
    /// `billingCycle`: how often the subscription bills (e.g. monthly or yearly; the SDK does not list the
    /// values); `None` without a subscription.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billing_cycle: Option<String>,
    /// `status`: the subscription's state; `None` without a subscription.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<SubscriptionStatus>,
    /// `currentPeriodStart`: when the current billing period started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_period_start: Option<DateTime<Utc>>,
    /// `currentPeriodEnd`: when the current billing period ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_period_end: Option<DateTime<Utc>>,
    /// `trialEnd`: when the trial ends, during a trial.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trial_end: Option<DateTime<Utc>>,
    /// `isTrialing`: whether the organisation is in its trial.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_trialing: Option<bool>,
    /// `cancelledAt`: when the subscription was cancelled, if it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancelled_at: Option<DateTime<Utc>>,
    /// `suspendedAt`: when the subscription was suspended, if it is; mutating calls then fail with
    /// `billing_suspended`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suspended_at: Option<DateTime<Utc>>,
    /// `pendingPlan`: the plan a scheduled change moves to ([`Billing::change_plan`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending_plan: Option<String>,
    /// `pendingChangeDate`: when the scheduled plan change takes effect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending_change_date: Option<DateTime<Utc>>,
    /// `dodoCustomerId`: the organisation's customer id at the payment provider (Dodo Payments).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dodo_customer_id: Option<String>,
    /// `setupFeeVerified`: whether the one-time setup fee is paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub setup_fee_verified: Option<bool>,
    /// `accountLimit`: how many social accounts the plan allows; `-1` means unlimited (see
    /// [`accounts_unlimited`](Self::accounts_unlimited)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_limit: Option<i64>,
    /// `accountsUsed`: how many social accounts are connected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accounts_used: Option<u64>,
    /// `creditBalance`: credits left, fractional where costs were.
    #[serde(
        serialize_with = "crate::common::number::optional_whole_as_integer",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub credit_balance: Option<f64>,
    /// `costMultiplier`: the factor applied to credit costs on this plan, e.g. `1.0`.
    #[serde(
        serialize_with = "crate::common::number::optional_whole_as_integer",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub cost_multiplier: Option<f64>,
}

impl BillingStatus {
    /// Whether the plan allows any number of social accounts: the API sends
    /// `"accountLimit": -1` (any negative limit is read the same way).
    pub fn accounts_unlimited(&self) -> bool {
        self.account_limit.is_some_and(|limit| limit < 0)
    }
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
