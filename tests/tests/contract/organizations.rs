//! Organizations.

use autoposting_client::organizations::SwitchOrganizationRequest;
use autoposting_client::prelude::*;
use chrono::{TimeZone, Utc};
use serde_json::{Value, json};

use crate::harness::serve;

#[tokio::test]
async fn list_organizations() {
    let data = json!({
        "organizations": [
            {"id": "org-1", "name": "Acme Corp", "slug": "acme", "createdAt": "2024-01-01T00:00:00Z"},
            {"id": "org-2", "name": "Side Project", "slug": "side", "createdAt": "2024-02-01T00:00:00Z"}
        ],
        "activeOrgId": "org-1"
    });
    let (server, client) = serve(json!({"success": true, "data": data.clone()})).await;

    let orgs = client.list_organizations().await.unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].method.as_str(), "GET");
    assert_eq!(requests[0].url.path(), "/orgs");
    assert_eq!(orgs.organizations.len(), 2);
    assert_eq!(orgs.organizations.key(), Some("organizations"));
    assert_eq!(orgs.active_org_id.as_deref(), Some("org-1"));
    let active = orgs.active().unwrap();
    assert_eq!(
        (active.name.as_str(), active.slug.as_deref()),
        ("Acme Corp", Some("acme"))
    );
    assert_eq!(
        orgs.organizations.items[1].created_at,
        Some(Utc.with_ymd_and_hms(2024, 2, 1, 0, 0, 0).unwrap())
    );
    assert_eq!(
        serde_json::to_value(&orgs).unwrap(),
        data,
        "nothing dropped"
    );
}

#[tokio::test]
async fn list_organizations_decodes_the_items_shape() {
    let (_server, client) = serve(json!({
        "success": true,
        "data": {"items": [{"id": "org-1", "name": "Acme Corp"}], "total": 1, "limit": 50, "offset": 0}
    }))
    .await;

    let orgs = client.list_organizations().await.unwrap();

    assert_eq!(orgs.organizations.total, Some(1));
    assert_eq!(orgs.organizations.items[0].slug, None);
    assert_eq!(orgs.active_org_id, None);
    assert!(orgs.active().is_none());
}

#[tokio::test]
async fn switch_active_organization() {
    let (server, client) = serve(json!({
        "success": true,
        "data": {"id": "org-2", "name": "Side Project", "slug": "side"}
    }))
    .await;

    client
        .switch_active_organization(
            &SwitchOrganizationRequest::builder()
                .organization_id("org-2")
                .build(),
        )
        .await
        .unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].method.as_str(), "PUT");
    assert_eq!(requests[0].url.path(), "/orgs/active");
    assert_eq!(
        requests[0].body_json::<Value>().unwrap(),
        json!({"organizationId": "org-2"})
    );
}
