"""Opens stemma's HTML dossier in headless Chromium and checks it.

    python3 tests/browser/dossier.py STEMMA_BINARY        # the tests
    python3 tests/browser/dossier.py STEMMA_BINARY --measure PAGE.html

The tests: the demo corpus's dossier loads without console errors, draws
each story's stemma with one node per version and one edge per derivation,
opens a collation with aligned passages, and is saved as a screenshot
(target/browser/demo.png); a corpus of hostile documents runs none of its
payloads and shows them as text; the page in STEMMA_FINDINGS_PAGE (the
demo report with findings added, which the Rust test renders) highlights
each finding's spans in the collation and links them to the finding. `--measure` prints how long PAGE.html
takes to load (navigation start to the page script's ready mark).

Needs Debian's chromium and chromium-driver and the selenium package; no
browser is downloaded. Prints `N passed, N failed` last.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "target" / "browser"


def browser():
    opts = webdriver.ChromeOptions()
    opts.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1400,1000",
        "--allow-file-access-from-files",
    ):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    return webdriver.Chrome(service=service, options=opts)


def stemma(binary, *args, cwd=None):
    out = subprocess.run([binary, *args], cwd=cwd, capture_output=True, text=True)
    if out.returncode not in (0, 1):
        raise AssertionError(f"stemma {' '.join(args)} exited {out.returncode}: {out.stderr}")
    return out


def load(driver, page):
    driver.get(Path(page).resolve().as_uri())
    WebDriverWait(driver, 30).until(
        lambda d: d.execute_script("return document.documentElement.hasAttribute('data-ready')")
    )


def console_errors(driver):
    return [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]


def no_alert(driver):
    try:
        alert = driver.switch_to.alert
        text = alert.text
        alert.dismiss()
        raise AssertionError(f"an alert fired: {text!r}")
    except NoAlertPresentException:
        pass


def check(cond, message):
    if not cond:
        raise AssertionError(message)


def test_demo(driver, binary, tmp):
    page = tmp / "demo.html"
    stemma(binary, "demo", "--html", str(page), "--json", str(tmp / "demo.json"), "-q")
    report = json.loads((tmp / "demo.json").read_text())
    load(driver, page)
    check(console_errors(driver) == [], f"console errors: {console_errors(driver)}")
    count = driver.find_element(By.ID, "counts").text
    check(f"{len(report['documents'])} documents" in count, count)
    for k, story in enumerate(report["stories"]):
        nodes = driver.find_elements(By.CSS_SELECTOR, f"#g{k} .node")
        edges = driver.find_elements(By.CSS_SELECTOR, f"#g{k} .edge")
        check(len(nodes) == len(story["documents"]), f"story {k}: {len(nodes)} nodes")
        check(len(edges) == len(story["derivations"]), f"story {k}: {len(edges)} edges")
        labels = [e.find_element(By.TAG_NAME, "text").text for e in edges]
        for d, label in zip(story["derivations"], labels):
            check(label == f"{d['relation']} {d['confidence']:.2f}", f"edge label {label!r}")
    # The biggest story: click its first edge, a rewrite if there is one.
    big = max(range(len(report["stories"])), key=lambda k: len(report["stories"][k]["documents"]))
    section = driver.find_element(By.ID, f"s{big}")
    driver.execute_script("arguments[0].scrollIntoView()", section)
    edges = section.find_elements(By.CSS_SELECTOR, ".edge")
    rewrite = [e for e in edges if "rel-rewrite" in e.get_attribute("class")]
    (rewrite or edges)[0].click()
    WebDriverWait(driver, 10).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, f"#c{big} .cv-row")
    )
    rows = driver.find_elements(By.CSS_SELECTOR, f"#c{big} .cv-row")
    kinds = {r.get_attribute("class").split("k-")[-1] for r in rows}
    check(kinds & {"verbatim", "edited", "paraphrased"}, f"no aligned passage: {kinds}")
    aligned = [r for r in rows if "k-added" not in r.get_attribute("class")
               and "k-dropped" not in r.get_attribute("class")]
    cells = aligned[0].find_elements(By.CSS_SELECTOR, ".cv-cell")
    check(len(cells) == 2 and all(c.text.strip() for c in cells), "aligned row has text on both sides")
    # The screenshot shows the overview, the graph, the versions and the
    # start of the collation.
    OUT.mkdir(parents=True, exist_ok=True)
    driver.set_window_size(1400, 2600)
    driver.execute_script("window.scrollTo(0, 0)")
    driver.save_screenshot(str(OUT / "demo.png"))
    check(console_errors(driver) == [], f"console errors: {console_errors(driver)}")


PAYLOADS = [
    "<script>window.__pwned=1;alert(1)</script>",
    '<img src=x onerror="window.__pwned=2;alert(2)">',
    '<a href="javascript:window.__pwned=3">click me</a>',
    "</style><style>body{display:none}</style>",
    "</script><script>window.__pwned=4</script>",
    "<!--<script>window.__pwned=5</script>-->",
    "<svg onload=window.__pwned=6><style>*{color:red!important}</style>",
    "\u2028\u2029 javascript:window.__pwned=7",
]

XSS_BODY = (
    "A crack about six feet long was found in the third pier of the bridge on Monday "
    "by divers from the infrastructure agency, who then ordered the road closed. "
    "Barriers went up shortly before nine at night, and commuters were told to use "
    "the ferry until engineers finish their survey of the pier and its foundations. "
    "The agency said the survey would take at least three weeks and that the "
    "bridge would stay shut for the whole of that time."
)


def test_xss(driver, binary, tmp):
    corpus = tmp / "xss"
    corpus.mkdir()
    evil = " ".join(PAYLOADS)
    docs = [
        {"id": "evil_a", "title": evil, "outlet": evil, "published": "2026-03-10",
         "text": f"{evil}\n\n{XSS_BODY} {evil}"},
        {"id": "evil_b", "title": evil, "outlet": "Copy " + evil, "published": "2026-03-11",
         "text": f"{XSS_BODY}\n\n{evil}"},
    ]
    (corpus / "feed.jsonl").write_text("".join(json.dumps(d) + "\n" for d in docs))
    page = tmp / "xss.html"
    stemma(binary, "analyze", str(corpus), "--html", str(page), "-q")
    load(driver, page)
    no_alert(driver)
    check(driver.execute_script("return window.__pwned") is None, "an injected script ran")
    check(driver.execute_script("return getComputedStyle(document.body).display") != "none",
          "injected CSS hid the page")
    check(len(driver.find_elements(By.TAG_NAME, "img")) == 0, "an injected <img> element")
    check(len(driver.find_elements(By.TAG_NAME, "script")) == 2, "an injected <script> element")
    check(len(driver.find_elements(By.TAG_NAME, "style")) == 1, "an injected <style> element")
    check(driver.execute_script(
        "return [...document.querySelectorAll('a')].every(a => !(a.getAttribute('href') || '').trim().toLowerCase().startsWith('javascript:'))"),
        "a javascript: link")
    body = driver.find_element(By.TAG_NAME, "body").text
    check("<script>window.__pwned=1;alert(1)</script>" in body, "the payload shows as text")
    # The collation draws the texts (from the JSON block) as text too.
    buttons = driver.find_elements(By.CSS_SELECTOR, "button.collate")
    check(buttons, "the two versions form a story")
    buttons[0].click()
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".cv-row"))
    no_alert(driver)
    view = driver.find_element(By.CSS_SELECTOR, ".collation .view").text
    check('<img src=x onerror="window.__pwned=2;alert(2)">' in view, "payload as text in the collation")
    for a in driver.find_elements(By.CSS_SELECTOR, ".collation .view a"):
        check(a.get_attribute("href").split("#")[-1].startswith("f"), "only finding links")
    check(driver.execute_script("return window.__pwned") is None, "an injected script ran")
    check(len(driver.find_elements(By.TAG_NAME, "img")) == 0, "an injected <img> element")
    errors = [e for e in console_errors(driver) if "Content Security Policy" not in e["message"]]
    check(errors == [], f"console errors: {errors}")
    csp = [e for e in console_errors(driver) if "Content Security Policy" in e["message"]]
    check(csp == [], f"the policy had to block something: {csp}")


def test_findings(driver, binary, tmp):
    # A page the Rust side renders from the demo report plus two findings.
    page = os.environ.get("STEMMA_FINDINGS_PAGE")
    if not page:
        print("browser test_findings: STEMMA_FINDINGS_PAGE not set (cargo test sets it)")
        return
    load(driver, page)
    check(console_errors(driver) == [], f"console errors: {console_errors(driver)}")
    items = driver.find_elements(By.CSS_SELECTOR, "ol.findings > li.finding")
    check(len(items) == 2, f"{len(items)} findings listed")
    check("March 9, 2025" in items[0].text, items[0].text)
    # "show" on the rewrite's statement opens its collation at the mark.
    show = items[0].find_elements(By.CSS_SELECTOR, "button.show")[1]
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", show)
    show.click()
    WebDriverWait(driver, 10).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, 'mark.finding.flash[data-f="0"]'))
    marks = driver.find_elements(By.CSS_SELECTOR, 'mark.finding[data-f="0"]')
    check(any("March 9, 2025" in m.text for m in marks), "the rewrite's date is marked")
    check(any("March 9, 2026" in m.text for m in marks), "the source's date is marked")
    link = marks[0].find_element(By.TAG_NAME, "a")
    check(link.get_attribute("href").endswith("#f0"), "the mark links to its finding")
    # The unsupported paragraph is marked too, in an added row.
    added = driver.find_elements(By.CSS_SELECTOR, '.cv-row.k-added mark.finding[data-f="1"]')
    check(added, "the inserted paragraph is marked as added and unsupported")
    link.click()
    check(driver.execute_script("return location.hash") == "#f0", "the link goes to the finding")
    driver.execute_script("document.querySelector('mark.finding.flash').scrollIntoView({block: 'center'})")
    OUT.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(OUT / "findings.png"))
    check(console_errors(driver) == [], f"console errors: {console_errors(driver)}")


def measure(driver, page):
    # A fresh load, from navigation start to the ready mark set by the
    # page's script at the end of parsing (DOMContentLoaded comes later).
    load(driver, page)
    ready = int(driver.execute_script("return document.documentElement.getAttribute('data-ready')"))
    timing = driver.execute_script(
        "var t = performance.getEntriesByType('navigation')[0];"
        "return {dcl: t.domContentLoadedEventEnd, load: t.loadEventEnd};")
    paint = driver.execute_script(
        "var p = performance.getEntriesByName('first-contentful-paint')[0];"
        "return p ? p.startTime : null;")
    size = Path(page).stat().st_size
    print(f"{page}: {size / 1e6:.1f} MB; script ready {ready} ms, "
          f"DOMContentLoaded {timing['dcl']:.0f} ms, load {timing['load']:.0f} ms, "
          f"first contentful paint {paint if paint is None else round(paint)} ms")
    check(console_errors(driver) == [], f"console errors: {console_errors(driver)}")
    return timing["load"]


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    binary = str(Path(sys.argv[1]).resolve())
    driver = browser()
    try:
        if len(sys.argv) == 4 and sys.argv[2] == "--measure":
            measure(driver, sys.argv[3])
            return
        passed = failed = 0
        with tempfile.TemporaryDirectory() as tmp:
            for test in (test_demo, test_xss, test_findings):
                sub = Path(tmp) / test.__name__
                sub.mkdir()
                start = time.monotonic()
                try:
                    test(driver, binary, sub)
                    passed += 1
                    print(f"browser {test.__name__} ... ok ({time.monotonic() - start:.1f} s)")
                except Exception:
                    failed += 1
                    print(f"browser {test.__name__} ... FAILED")
                    traceback.print_exc()
        print(f"{passed} passed, {failed} failed")
        sys.exit(1 if failed else 0)
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
