def test_admin_login_page_is_danish(client, site_tree):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "Log ind" in response.content.decode()


def test_graphql_answers(client, site_tree):
    response = client.post("/graphql/", {"query": "{ planPeriods { title } }"}, content_type="application/json")
    assert response.status_code == 200
    assert response.json() == {"data": {"planPeriods": []}}
