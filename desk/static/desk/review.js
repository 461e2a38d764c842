// Order desk review page: save as you go, autocomplete, document highlights, keyboard shortcuts.
// Plain JavaScript, no framework. The server renders every fragment; this file only moves them.
(function () {
  "use strict";

  var root = document.getElementById("review");
  if (!root) return;
  var editable = root.dataset.editable === "1";
  var marker = root.dataset.lineMarker;
  var words = {};
  try { words = JSON.parse(document.getElementById("layout-words").textContent) || {}; } catch (e) { words = {}; }
  var csrf = "";
  try { csrf = JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || ""; } catch (e) { csrf = ""; }

  var pending = new Set();
  var lastField = null;
  var pointerDown = false;

  function byId(id) { return document.getElementById(id); }
  function lineUrl(id) { return root.dataset.urlLine.replace(marker, id); }
  function lineActionUrl(id, action) { return root.dataset.urlLineAction.replace(marker, id).replace("ACTION", action); }

  // ------------------------------------------------------------ requests and fragments

  function post(url, data) {
    var body = new URLSearchParams();
    Object.keys(data || {}).forEach(function (k) { body.append(k, data[k]); });
    var request = fetch(url, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-CSRFToken": csrf, "HX-Request": "true", "Content-Type": "application/x-www-form-urlencoded" }
    }).then(function (response) {
      var redirect = response.headers.get("HX-Redirect");
      if (redirect) { window.location.assign(redirect); return; }
      var trigger = response.headers.get("HX-Trigger-After-Settle");
      return response.text().then(function (html) {
        if (!response.ok) { flash(response.status + " " + response.statusText, true); return; }
        applyFragments(html);
        if (trigger) {
          try {
            var focusId = JSON.parse(trigger)["desk:focus"];
            if (focusId && byId(focusId)) byId(focusId).focus();
          } catch (e) { /* not ours */ }
        }
      });
    }).catch(function () { flash(root.dataset.offline || "Network error: the change was not saved.", true); });
    pending.add(request);
    request.finally(function () { pending.delete(request); });
    return request;
  }

  function flash(text, isError) {
    var box = byId("flash");
    if (!box) return;
    box.textContent = text;
    box.className = "flash" + (isError ? " error" : "");
  }

  function applyFragments(html) {
    var tpl = document.createElement("template");
    tpl.innerHTML = html;
    var active = document.activeElement;
    var activeId = active && active.id;
    var selection = null;
    var typed = null;
    if (active && typeof active.selectionStart === "number") {
      try { selection = [active.selectionStart, active.selectionEnd]; } catch (e) { selection = null; }
    }
    if (active && "value" in active && active.dataset && active.value !== (active.dataset.sent || active.defaultValue)) {
      typed = active.value;
    }
    tpl.content.querySelectorAll("template[data-swap]").forEach(function (piece) {
      var old = byId(piece.dataset.swap);
      var fresh = piece.content.firstElementChild;
      if (old && fresh) {
        old.replaceWith(fresh);
        if (window.htmx) window.htmx.process(fresh);
      }
    });
    if (activeId && (!document.activeElement || document.activeElement === document.body)) {
      var again = byId(activeId);
      if (again) {
        if (typed !== null) again.value = typed;
        again.focus({ preventScroll: true });
        if (selection && typeof again.setSelectionRange === "function") {
          try { again.setSelectionRange(selection[0], selection[1]); } catch (e) { /* date inputs */ }
        }
      }
    }
  }

  // ------------------------------------------------------------ save as you go

  function isDirty(el) {
    return el && el.dataset && el.dataset.save && el.tagName !== "SELECT" && el.value !== (el.dataset.sent || el.defaultValue);
  }

  function save(el) {
    if (!editable || !el || !el.dataset.save) return Promise.resolve();
    var url = el.dataset.save === "line" ? lineUrl(el.dataset.line) : root.dataset.urlHeader;
    var data = {};
    data[el.name] = el.value;
    el.dataset.sent = el.value;
    return post(url, data);
  }

  function flush() {
    var active = document.activeElement;
    if (isDirty(active)) save(active);
    return Promise.all(Array.from(pending));
  }

  root.addEventListener("change", function (event) {
    var el = event.target;
    if (el.dataset && el.dataset.save) save(el);
  });

  root.addEventListener("keydown", function (event) {
    var el = event.target;
    if (event.key === "Enter" && !event.ctrlKey && !event.metaKey && el.dataset && el.dataset.save && el.tagName !== "TEXTAREA") {
      event.preventDefault();  // never submit the header form: the field saves itself
      if (isDirty(el)) save(el);
    }
  });

  document.addEventListener("mousedown", function () { pointerDown = true; });
  document.addEventListener("mouseup", function () { pointerDown = false; });

  root.addEventListener("focusin", function (event) {
    var el = event.target;
    if (!el.matches || !el.matches("input, select, textarea")) return;
    if (el.closest(".order-pane") && (el.dataset.save || el.dataset.ac)) {
      lastField = el;
      highlight(el);
      var row = el.closest("tr");
      document.querySelectorAll("tr.current").forEach(function (r) { if (r !== row) r.classList.remove("current"); });
      if (row) row.classList.add("current");
      if (!pointerDown && typeof el.select === "function" && el.type !== "date") el.select();
    }
  });

  // ------------------------------------------------------------ the document: highlight, zoom, click to fill

  var pagesEl = byId("pages");
  var textEl = byId("doc-text");
  var zoom = 1;

  function parseBox(text) {
    if (!text) return null;
    var parts = text.split(":");
    var box = parts[1] ? parts[1].split(",").map(parseFloat) : [];
    return box.length === 4 ? { page: parts[0], x0: box[0], top: box[1], x1: box[2], bottom: box[3] } : null;
  }

  function clearHighlight() {
    document.querySelectorAll(".page .hl").forEach(function (h) { h.hidden = true; });
    document.querySelectorAll(".doc-text .w.hl").forEach(function (w) { w.classList.remove("hl"); });
  }

  function highlight(el) {
    clearHighlight();
    var row = el.closest("tr");
    var box = parseBox(el.dataset.box || (row && row.dataset.box));
    if (!box) return;
    if (pagesEl) {
      var page = byId("page-" + box.page);
      var width = page && parseFloat(page.dataset.w);
      if (!width) return;
      var scale = page.clientWidth / width;
      var hl = page.querySelector(".hl");
      hl.style.left = (box.x0 * scale - 3) + "px";
      hl.style.top = (box.top * scale - 3) + "px";
      hl.style.width = ((box.x1 - box.x0) * scale + 6) + "px";
      hl.style.height = ((box.bottom - box.top) * scale + 6) + "px";
      hl.hidden = false;
      var y = page.offsetTop + box.top * scale;
      if (y < pagesEl.scrollTop + 20 || y > pagesEl.scrollTop + pagesEl.clientHeight - 40) {
        pagesEl.scrollTop = Math.max(0, y - pagesEl.clientHeight / 3);
      }
      var x = box.x0 * scale;
      if (x < pagesEl.scrollLeft || x > pagesEl.scrollLeft + pagesEl.clientWidth - 40) pagesEl.scrollLeft = Math.max(0, x - 40);
    } else if (textEl) {
      var first = null;
      textEl.querySelectorAll(".w").forEach(function (w) {
        var wb = parseBox(w.dataset.box);
        if (wb && wb.page === box.page && wb.x0 < box.x1 && wb.x1 > box.x0 && wb.top < box.bottom && wb.bottom > box.top) {
          w.classList.add("hl");
          first = first || w;
        }
      });
      if (first) textEl.scrollTop = Math.max(0, first.offsetTop - textEl.offsetTop - textEl.clientHeight / 3);
    }
  }

  // Hovering a field shows where it was read, too; leaving shows the focused field's box again.
  var orderPane = root.querySelector(".order-pane");
  if (orderPane) {
    orderPane.addEventListener("mouseover", function (event) {
      var el = event.target.closest && event.target.closest("input, select, textarea");
      if (el && (el.dataset.box || el.closest("tr[data-box]"))) highlight(el);
    });
    orderPane.addEventListener("mouseleave", function () {
      if (lastField && document.body.contains(lastField)) highlight(lastField); else clearHighlight();
    });
  }

  function setZoom(step) {
    zoom = step === 0 ? 1 : Math.max(0.5, Math.min(3, zoom + step * 0.25));
    if (pagesEl) pagesEl.style.setProperty("--zoom", zoom);
    var level = byId("zoom-level");
    if (level) level.textContent = Math.round(zoom * 100) + " %";
    if (lastField) highlight(lastField);
  }

  document.querySelectorAll("[data-zoom]").forEach(function (button) {
    button.addEventListener("click", function () { setZoom(parseInt(button.dataset.zoom, 10)); });
  });

  document.querySelectorAll(".thumbs a").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var page = byId("page-" + link.dataset.page);
      if (page && pagesEl) pagesEl.scrollTop = page.offsetTop - pagesEl.offsetTop;
      document.querySelectorAll(".thumbs a.current").forEach(function (a) { a.classList.remove("current"); });
      link.classList.add("current");
    });
  });

  function wordAt(pageNumber, x, y) {
    var list = words[pageNumber] || [];
    var best = null;
    var bestDistance = 6;  // points: a click just beside a word still takes it
    for (var i = 0; i < list.length; i++) {
      var w = list[i];
      var dx = x < w[1] ? w[1] - x : x > w[3] ? x - w[3] : 0;
      var dy = y < w[2] ? w[2] - y : y > w[4] ? y - w[4] : 0;
      var d = Math.max(dx, dy);
      if (d < bestDistance || (d === 0 && bestDistance === 0)) { best = w; bestDistance = d; if (d === 0) break; }
    }
    return best;
  }

  function pointOnPage(event) {
    var page = event.target.closest && event.target.closest(".page");
    if (!page) return null;
    var width = parseFloat(page.dataset.w);
    if (!width) return null;
    var rect = page.getBoundingClientRect();
    var scale = rect.width / width;
    return { page: page, number: page.dataset.page, scale: scale,
             x: (event.clientX - rect.left) / scale, y: (event.clientY - rect.top) / scale };
  }

  function normaliseFor(field, text) {
    if (field.type === "date") {
      var m = text.match(/^(\d{1,2})[./-](\d{1,2})[./-](\d{2,4})$/);
      if (m) {
        var year = m[3].length === 2 ? "20" + m[3] : m[3];
        return year + "-" + ("0" + m[2]).slice(-2) + "-" + ("0" + m[1]).slice(-2);
      }
      return text;
    }
    if (field.getAttribute("inputmode") === "decimal") return text.replace(/[^\d,.\-']/g, "");
    return text;
  }

  function fill(text, append) {
    var field = lastField;
    if (!field || !editable || field.readOnly) return;
    if (field.dataset.ac) {
      field.value = append && field.value !== field.dataset.value ? field.value + " " + text : text;
      field.focus();
      search(field);
      return;
    }
    var value = normaliseFor(field, text);
    field.value = append && field.value ? field.value + " " + value : value;
    field.focus();
    save(field);
  }

  if (pagesEl) {
    pagesEl.addEventListener("click", function (event) {
      var point = pointOnPage(event);
      if (!point) return;
      var word = wordAt(point.number, point.x, point.y);
      if (word) fill(word[0], event.shiftKey);
    });
    var frame = 0;
    pagesEl.addEventListener("mousemove", function (event) {
      if (frame) return;
      frame = window.requestAnimationFrame(function () {
        frame = 0;
        var point = pointOnPage(event);
        document.querySelectorAll(".page .hover").forEach(function (h) { h.hidden = true; });
        if (!point) return;
        var word = wordAt(point.number, point.x, point.y);
        if (!word) return;
        var hover = point.page.querySelector(".hover");
        hover.style.left = (word[1] * point.scale - 1) + "px";
        hover.style.top = (word[2] * point.scale - 1) + "px";
        hover.style.width = ((word[3] - word[1]) * point.scale + 2) + "px";
        hover.style.height = ((word[4] - word[2]) * point.scale + 2) + "px";
        hover.hidden = false;
      });
    });
  }
  if (textEl) {
    textEl.addEventListener("click", function (event) {
      var w = event.target.closest(".w");
      if (w) fill(w.textContent, event.shiftKey);
    });
  }
  // Keep the field focused when the document is clicked, so the word goes where the person is typing.
  [pagesEl, textEl].forEach(function (el) {
    if (el) el.addEventListener("mousedown", function (event) { if (lastField) event.preventDefault(); });
  });

  // ------------------------------------------------------------ autocomplete (products, customer)

  var list = byId("ac-list");
  var acField = null;
  var acTimer = 0;
  var acSeq = 0;

  function options() { return Array.from(list.querySelectorAll("[role=option]")); }

  function closeList(restore) {
    if (acField) {
      acField.setAttribute("aria-expanded", "false");
      acField.removeAttribute("aria-activedescendant");
      if (restore) acField.value = acField.dataset.value || "";
    }
    list.hidden = true;
    list.innerHTML = "";
    acField = null;
  }

  function placeList(field) {
    var rect = field.getBoundingClientRect();
    list.style.left = (rect.left + window.scrollX) + "px";
    list.style.top = (rect.bottom + window.scrollY + 2) + "px";
    list.style.minWidth = Math.max(320, rect.width) + "px";
  }

  function search(field) {
    var seq = ++acSeq;
    var kind = field.dataset.ac;
    var query = field.value === field.dataset.value ? "" : field.value;
    var url = (kind === "product" ? root.dataset.urlProducts : root.dataset.urlCustomers) +
      "?q=" + encodeURIComponent(query) + (kind === "product" ? "&line=" + field.dataset.line : "");
    var request = fetch(url, { credentials: "same-origin", headers: { "HX-Request": "true" } })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        if (seq !== acSeq || document.activeElement !== field) return;
        acField = field;
        list.innerHTML = html;
        placeList(field);
        list.hidden = false;
        field.setAttribute("aria-expanded", "true");
      });
    pending.add(request);
    request.finally(function () { pending.delete(request); });
    return request;
  }

  function move(delta) {
    var items = options();
    if (!items.length) return;
    var current = items.findIndex(function (o) { return o.getAttribute("aria-selected") === "true"; });
    var next = current === -1 ? (delta > 0 ? 0 : items.length - 1) : Math.max(0, Math.min(items.length - 1, current + delta));
    items.forEach(function (o, i) { o.setAttribute("aria-selected", i === next ? "true" : "false"); });
    acField.setAttribute("aria-activedescendant", items[next].id);
    items[next].scrollIntoView({ block: "nearest" });
  }

  function choose(option) {
    var field = acField;
    if (!field || !option) return;
    field.value = option.dataset.label;
    field.dataset.value = option.dataset.label;
    closeList(false);
    if (field.dataset.ac === "product") post(lineUrl(field.dataset.line), { product: option.dataset.id });
    else post(root.dataset.urlHeader, { customer: option.dataset.id });
  }

  root.addEventListener("input", function (event) {
    var field = event.target;
    if (!field.dataset || !field.dataset.ac || !editable) return;
    window.clearTimeout(acTimer);
    acTimer = window.setTimeout(function () { search(field); }, 120);
  });

  root.addEventListener("keydown", function (event) {
    var field = event.target;
    if (!field.dataset || !field.dataset.ac || !editable) return;
    var open = !list.hidden && acField === field;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (event.ctrlKey) return;  // same field on the next line
      event.preventDefault();
      if (!open) {
        search(field).then(function () { if (acField === field) move(event.key === "ArrowDown" ? 1 : -1); });
      } else {
        move(event.key === "ArrowDown" ? 1 : -1);
      }
    } else if (event.key === "Enter" && !event.ctrlKey && !event.metaKey) {
      if (open) {
        event.preventDefault();
        var selected = list.querySelector("[aria-selected=true]") || options()[0];
        choose(selected);
      } else if (field.value !== field.dataset.value) {
        event.preventDefault();
        search(field).then(function () { if (acField === field) choose(options()[0]); });
      }
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      closeList(true);
    }
  });

  root.addEventListener("focusout", function (event) {
    var field = event.target;
    if (field.dataset && field.dataset.ac) {
      window.setTimeout(function () {
        if (acField === field && document.activeElement !== field) closeList(true);
        else if (!acField && document.activeElement !== field && field.value !== field.dataset.value) field.value = field.dataset.value || "";
      }, 150);
    }
  });

  list.addEventListener("mousedown", function (event) {
    event.preventDefault();
    var option = event.target.closest("[role=option]");
    if (option) choose(option);
  });

  // ------------------------------------------------------------ lines and issues

  function currentRowId() {
    var el = document.activeElement;
    var row = el && el.closest && el.closest("#lines tr[data-id]");
    if (!row && lastField) row = lastField.closest("#lines tr[data-id]");
    return row ? row.dataset.id : "";
  }

  function lineAction(id, action) {
    if (!id || !editable) return;
    if (action === "delete" && !window.confirm(root.dataset.confirmDelete || "Delete this line?")) return;
    var field = document.activeElement;
    flush().then(function () {
      post(lineActionUrl(id, action), { focus: field && field.id ? field.id : "" });
    });
  }

  root.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-act]");
    if (button) { lineAction(button.closest("tr").dataset.id, button.dataset.act); return; }
    var accept = event.target.closest("button[data-accept]");
    if (accept) { post(root.dataset.urlAccept, { index: accept.dataset.accept }); return; }
    var link = event.target.closest("a[data-focus]");
    if (link) {
      event.preventDefault();
      var target = byId(link.dataset.focus);
      if (target) target.focus();
    }
  });

  var addButton = byId("add-line");
  if (addButton) addButton.addEventListener("click", function () {
    flush().then(function () { post(root.dataset.urlLineAdd, { after: currentRowId() }); });
  });

  function issueFields() {
    return Array.from(document.querySelectorAll(".order-pane [data-issue]"));
  }

  function nextIssue(delta) {
    var fields = issueFields();
    if (!fields.length) return;
    var active = document.activeElement;
    var index = fields.indexOf(active);
    if (index === -1) {
      // From elsewhere: the first issue after (or before) the focused element in the page.
      index = delta > 0 ? -1 : fields.length;
      if (active && active !== document.body) {
        for (var i = 0; i < fields.length; i++) {
          if (active.compareDocumentPosition(fields[i]) & Node.DOCUMENT_POSITION_FOLLOWING) {
            index = delta > 0 ? i - 1 : i;
            break;
          }
        }
      }
    }
    var next = (index + delta + fields.length) % fields.length;
    fields[next].focus();
  }

  function sameFieldOtherLine(delta) {
    var el = document.activeElement;
    var row = el && el.closest && el.closest("#lines tr[data-id]");
    if (!row || !el.id) return false;
    var name = el.id.split("-").slice(2).join("-");
    var other = delta > 0 ? row.nextElementSibling : row.previousElementSibling;
    var target = other && byId("i-" + other.dataset.id + "-" + name);
    if (target) target.focus();
    return true;
  }

  function openBox(id, focusId) {
    var box = byId(id);
    if (!box) return;
    box.open = true;
    var field = byId(focusId);
    if (field) field.focus();
  }

  function letter(event) {
    var key = (event.key || "").toLowerCase();
    if (key.length === 1 && key >= "a" && key <= "z") return key;
    return (event.code || "").indexOf("Key") === 0 ? event.code.slice(3).toLowerCase() : key;
  }

  document.addEventListener("keydown", function (event) {
    var key = letter(event);
    if ((event.ctrlKey || event.metaKey) && event.key === "Enter") {
      var form = byId("approve-form");
      if (!form) return;
      event.preventDefault();
      closeList(false);
      flush().then(function () { form.requestSubmit(); });
    } else if (event.ctrlKey && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
      if (sameFieldOtherLine(event.key === "ArrowDown" ? 1 : -1)) event.preventDefault();
    } else if (event.altKey && !event.ctrlKey && !event.metaKey) {
      var handled = true;
      if (key === "i") nextIssue(event.shiftKey ? -1 : 1);
      else if (key === "r") openBox("reject-box", "reject-reason");
      else if (key === "h") openBox("hold-box", "hold-note");
      else if (key === "l" && addButton) addButton.click();
      else if (key === "s") lineAction(currentRowId(), "split");
      else if (event.key === "Delete" || event.key === "Backspace") lineAction(currentRowId(), "delete");
      else if (event.shiftKey && event.key === "ArrowUp") lineAction(currentRowId(), "up");
      else if (event.shiftKey && event.key === "ArrowDown") lineAction(currentRowId(), "down");
      else if (event.key === "ArrowRight") {
        var next = byId("next-order");
        if (next) flush().then(function () { window.location.assign(next.href); });
        else handled = false;
      } else if (event.key === "=" || event.key === "+") setZoom(1);
      else if (event.key === "-") setZoom(-1);
      else handled = false;
      if (handled) event.preventDefault();
    }
  });

  // ------------------------------------------------------------ leaving the page

  window.addEventListener("pagehide", function () {
    if (!editable || !navigator.sendBeacon) return;
    var active = document.activeElement;
    if (isDirty(active)) {
      var data = new FormData();
      data.append("csrfmiddlewaretoken", csrf);
      data.append(active.name, active.value);
      navigator.sendBeacon(active.dataset.save === "line" ? lineUrl(active.dataset.line) : root.dataset.urlHeader, data);
    }
    // Only a lock this page holds, and only if nobody renewed it since (the server compares).
    var lock = byId("lock");
    if (lock && lock.dataset.heartbeat) {
      var release = new FormData();
      release.append("csrfmiddlewaretoken", csrf);
      release.append("heartbeat", lock.dataset.heartbeat);
      navigator.sendBeacon(root.dataset.urlUnlock, release);
    }
  });

  // ------------------------------------------------------------ the lock's heartbeat

  // The lock lives only while this page renews it (hx-trigger on #lock, every few seconds).
  // A page rendered without taking it (a prefetch or prerender) takes it once really shown, and
  // a page restored from the back-forward cache takes it again (leaving released it).
  function renewLock() {
    var lock = byId("lock");
    if (lock && lock.hasAttribute("hx-post") && window.htmx) window.htmx.trigger(lock, "desk:renew");
  }
  function renewIfPending() {
    var lock = byId("lock");
    if (lock && lock.dataset.pending) renewLock();
  }
  if (document.prerendering) {
    document.addEventListener("prerenderingchange", renewLock, { once: true });
  } else if (document.readyState === "loading") {
    // htmx wires #lock on DOMContentLoaded, just before this listener runs
    document.addEventListener("DOMContentLoaded", function () { setTimeout(renewIfPending, 0); });
  } else {
    setTimeout(renewIfPending, 0);
  }
  window.addEventListener("pageshow", function (event) { if (event.persisted) renewLock(); });

  // Start where the work is: the first field with an issue.
  if (editable) {
    var first = issueFields()[0];
    if (first) first.focus();
  }
})();
