def test_world_builds(world, client):
    """The fixtures build and the list page answers."""
    assert client.get("/innovations/").status_code == 200
