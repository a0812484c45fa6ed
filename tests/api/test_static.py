"""serve --static DIR serves files below DIR only, even through symbolic links."""
import os

import requests

from conftest import Server


def test_static_does_not_follow_links_out_of_the_directory(tmp_path):
    root = tmp_path / "dist"
    (root / "assets").mkdir(parents=True)
    (root / "index.html").write_text("<!doctype html><title>dev ui</title>")
    (root / "assets" / "app.js").write_text("console.log('dev')")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("top secret")
    os.symlink("/etc", root / "etclink")
    os.symlink("../outside", root / "outlink")
    os.symlink("../outside/secret.txt", root / "secret.txt")
    os.symlink("assets", root / "inner")
    s = Server(tmp_path, "static")
    s.cli("init")
    s.start("--static", str(root))
    try:
        get = lambda p: requests.get(s.url + p, timeout=10)  # noqa: E731
        assert get("/assets/app.js").text == "console.log('dev')"
        assert get("/inner/app.js").text == "console.log('dev')"  # a link inside is fine
        for path in ["/etclink/passwd", "/etclink/hostname", "/outlink/secret.txt",
                     "/secret.txt"]:
            r = get(path)
            assert "root:" not in r.text and "top secret" not in r.text, path
            # a path that names no file below DIR is a route of the app
            assert r.status_code in (200, 404), (path, r.status_code)
            if r.status_code == 200:
                assert r.text == "<!doctype html><title>dev ui</title>", path
    finally:
        s.stop()
