/* palmyra web UI: map, timeline, filters, event page with highlighted evidence, review desk, audit.
   Plain JS, no build step; talks only to this server's /api (see /docs). Works offline: the basemap
   is Natural Earth 110m country outlines bundled under /static/vendor/world-atlas. */
(function () {
  "use strict";

  const TYPE_COLOURS = {
    "Battles": "#c92a2a",
    "Explosions/Remote violence": "#e8590c",
    "Violence against civilians": "#862e9c",
    "Protests": "#1971c2",
    "Riots": "#f08c00",
    "Strategic developments": "#2b8a3e",
  };
  const OTHER_COLOUR = "#495057";
  const state = { map: null, layer: null, filters: {}, vocab: null, token: sessionStorage.getItem("palmyra-token") };

  // ------------------------------------------------------------------ helpers

  function $(sel, root) { return (root || document).querySelector(sel); }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  async function api(path, options) {
    const opts = Object.assign({ headers: {} }, options || {});
    if (state.token) opts.headers["Authorization"] = "Bearer " + state.token;
    if (opts.body && typeof opts.body !== "string") {
      opts.headers["Content-Type"] = "application/json";
      opts.body = JSON.stringify(opts.body);
    }
    const resp = await fetch(path, opts);
    const body = await resp.json().catch(() => ({}));
    if (!resp.ok) {
      const err = new Error((body.error && body.error.message) || resp.statusText);
      err.code = body.error && body.error.code;
      err.status = resp.status;
      throw err;
    }
    return body;
  }

  function query(params) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== "" && v !== null && v !== undefined) q.set(k, v);
    return q.toString();
  }

  const actorName = (a) => (a && a.name) || "";
  const colour = (type) => TYPE_COLOURS[type] || OTHER_COLOUR;
  const typeLabel = (e) => e.acled_sub_event_type || e.acled_event_type || e.plover_type;
  const show = (v) => (v === null || v === undefined || v === "" ? "—" : typeof v === "object" ? (v.name || JSON.stringify(v)) : String(v));

  function statusBadge(e) {
    if (!e.review_status) return el("span", { class: "badge" }, "machine");
    return el("span", { class: "badge " + e.review_status }, e.review_status);
  }

  // ------------------------------------------------------------------ map view

  async function initMap() {
    if (state.map) return;
    const map = L.map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 12, attributionControl: true });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Leaflet | Natural Earth (public domain), world-atlas");
    map.setView([25, 20], 2);
    state.map = map;
    try {
      const topo = await (await fetch("/static/vendor/world-atlas/countries-110m.json")).json();
      const land = topojson.feature(topo, topo.objects.countries);
      L.geoJSON(land, {
        style: { color: "#8a96a3", weight: 0.6, fillColor: "#f3efe6", fillOpacity: 1 },
        interactive: false,
      }).addTo(map);
    } catch (e) {
      console.error("basemap", e);
    }
    state.layer = L.featureGroup().addTo(map);
    const legend = L.control({ position: "bottomleft" });
    legend.onAdd = () => el("div", { class: "legend leaflet-control" },
      Object.entries(TYPE_COLOURS).map(([t, c]) => el("div", {}, el("span", { style: "background:" + c }), t)));
    legend.addTo(map);
  }

  function readFilters() {
    return {
      since: $("#f-since").value, until: $("#f-until").value, country: $("#f-country").value,
      type: $("#f-type").value, q: $("#f-q").value.trim(),
    };
  }

  async function fillFilterOptions() {
    if ($("#f-country").options.length > 1) return;
    const [countries, types] = await Promise.all([api("/api/stats?by=country"), api("/api/stats?by=type")]);
    for (const r of countries.items) if (r.key) $("#f-country").append(el("option", { value: r.key }, `${r.key} (${r.events})`));
    for (const r of types.items) if (r.key) $("#f-type").append(el("option", { value: r.key }, `${r.key} (${r.events})`));
  }

  async function renderMapView() {
    await initMap();
    state.map.invalidateSize();
    fillFilterOptions().catch(console.error);
    const f = readFilters();
    const [page, days] = await Promise.all([
      api("/api/events?" + query(Object.assign({ limit: 1000 }, f))),
      api("/api/stats?" + query(Object.assign({ by: "day" }, f))),
    ]);
    $("#count").textContent = page.total > page.items.length
      ? `showing ${page.items.length} of ${page.total} events` : `${page.total} events`;
    drawMarkers(page.items);
    drawTimeline(days.items);
    drawTable(page.items);
  }

  function drawMarkers(events) {
    state.layer.clearLayers();
    for (const e of events) {
      if (e.lat === null || e.lon === null) continue;
      const m = L.circleMarker([e.lat, e.lon], {
        radius: 5 + Math.min(12, Math.sqrt(e.fatalities || 0) * 1.5),
        color: "#fff", weight: 1, fillColor: colour(e.acled_event_type), fillOpacity: 0.85,
        className: "event-marker",
      });
      const link = el("a", { href: "#/event/" + encodeURIComponent(e.event_id), class: "open-event" }, "Open event →");
      m.bindPopup(el("div", {},
        el("b", {}, typeLabel(e)), el("br"), `${e.event_date || "undated"} · ${e.location || ""}`, el("br"),
        [actorName({ name: e.actor1 }), e.actor2].filter(Boolean).join(" vs "), el("br"),
        `fatalities ${e.fatalities} · ${e.n_sources} source(s)`, el("br"), link));
      m.addTo(state.layer);
    }
    if (state.layer.getLayers().length && !state.fitted) {
      state.map.fitBounds(state.layer.getBounds().pad(0.3), { maxZoom: 5 });
      state.fitted = true;
    }
  }

  function drawTimeline(rows) {
    const svg = $("#timeline");
    svg.replaceChildren();
    const days = rows.filter((r) => r.key);
    if (!days.length) return;
    const NS = "http://www.w3.org/2000/svg";
    const W = svg.clientWidth || 800, H = svg.clientHeight || 90, pad = 18;
    const t0 = Date.parse(days[0].key), t1 = Date.parse(days[days.length - 1].key);
    const span = Math.max(1, (t1 - t0) / 86400000 + 1);
    const bw = Math.min(40, Math.max(2, (W - 2 * pad) / span - 1));
    const max = Math.max(...days.map((r) => r.events));
    for (const r of days) {
      const x = pad + ((Date.parse(r.key) - t0) / 86400000) * ((W - 2 * pad) / span);
      const h = ((H - 2 * pad) * r.events) / max;
      const rect = document.createElementNS(NS, "rect");
      rect.setAttribute("class", "bar");
      rect.setAttribute("x", x); rect.setAttribute("y", H - pad - h);
      rect.setAttribute("width", bw); rect.setAttribute("height", Math.max(1, h));
      const title = document.createElementNS(NS, "title");
      title.textContent = `${r.key}: ${r.events} events, ${r.fatalities} fatalities`;
      rect.append(title);
      rect.addEventListener("click", () => { $("#f-since").value = r.key; $("#f-until").value = r.key; renderMapView(); });
      svg.append(rect);
    }
    for (const [x, label] of [[pad, days[0].key], [W - pad - 60, days[days.length - 1].key]]) {
      const t = document.createElementNS(NS, "text");
      t.setAttribute("x", x); t.setAttribute("y", H - 4); t.textContent = label;
      svg.append(t);
    }
  }

  function drawTable(events) {
    const body = $("#event-table tbody");
    body.replaceChildren(...events.slice(0, 300).map((e) => el("tr", {},
      el("td", {}, e.event_date || "—"),
      el("td", {}, el("a", { href: "#/event/" + encodeURIComponent(e.event_id) }, typeLabel(e))),
      el("td", {}, [e.actor1, e.actor2].filter(Boolean).join(" vs ") || "—"),
      el("td", {}, [e.location, e.country].filter(Boolean).join(", ") || "—"),
      el("td", {}, e.fatalities), el("td", {}, e.n_sources), el("td", {}, statusBadge(e)))));
  }

  // ------------------------------------------------------------------ event view

  function field(label, ev, key, fmt) {
    const f = fmt || show;
    const machine = ev.machine && key in ev.machine ? el("span", { class: "machine", title: "machine value" }, f(ev.machine[key])) : null;
    return [el("dt", {}, label), el("dd", { "data-field": key }, f(ev[key]), machine ? " " : null, machine)];
  }

  function highlighted(text, spans) {
    // Cut the text at every span boundary; each piece is marked with the kinds covering it.
    const cuts = new Set([0, text.length]);
    for (const s of spans) { cuts.add(Math.max(0, s.start)); cuts.add(Math.min(text.length, s.end)); }
    const pts = [...cuts].sort((a, b) => a - b);
    const out = [];
    for (let i = 0; i < pts.length - 1; i++) {
      const [a, b] = [pts[i], pts[i + 1]];
      const piece = text.slice(a, b);
      const cover = spans.filter((s) => s.start <= a && s.end >= b);
      if (!cover.length) { out.push(piece); continue; }
      const kinds = [...new Set(cover.map((s) => s.kind))].sort();
      const claims = cover.filter((s) => s.kind === "claim").map((s) => `${s.source} (${s.source_type}) ${s.stance}`);
      out.push(el("mark", { class: kinds.join(" "), title: claims.length ? "claim: " + claims.join("; ") : "evidence" }, piece));
    }
    return out;
  }

  async function renderEvent(id) {
    const view = $("#view-event");
    view.replaceChildren(el("p", { class: "muted" }, "Loading…"));
    let ev;
    try {
      ev = await api("/api/events/" + encodeURIComponent(id));
    } catch (e) {
      view.replaceChildren(el("p", { class: "error" }, e.message));
      return;
    }
    const arts = await Promise.all(ev.articles.map((a) => api("/api/articles/" + encodeURIComponent(a.article_id))));
    const loc = ev.location || {};
    const head = el("div", {},
      el("p", {}, el("a", { href: "#/" }, "← back to the map")),
      el("h2", { id: "event-title" }, `${typeLabel(ev)} · ${loc.name || "unknown place"} · ${ev.event_date || "undated"} `, statusBadge(ev)));
    const fields = el("div", { class: "card" }, el("h3", {}, "Event"),
      el("dl", { class: "fields" },
        field("Date", ev, "event_date", (v) => v || "—"), field("Precision", ev, "date_precision"),
        field("ACLED type", ev, "acled_event_type"), field("Sub-type", ev, "acled_sub_event_type"),
        [el("dt", {}, "PLOVER / CAMEO"), el("dd", {}, `${ev.plover_type}${ev.plover_mode ? " (" + ev.plover_mode + ")" : ""} / ${ev.cameo_root}`)],
        field("Actor 1", ev, "actor1"), field("Actor 2", ev, "actor2"),
        field("Place", ev, "location", (v) => (v ? `${v.name}${v.admin1 ? ", " + v.admin1 : ""}, ${v.country} (${(+v.lat).toFixed(3)}, ${(+v.lon).toFixed(3)})` : "—")),
        field("Fatalities", ev, "fatalities"),
        [el("dt", {}, "Reported figures"), el("dd", {}, (ev.disagreements.fatalities || [ev.fatalities]).join(", "))],
        [el("dt", {}, "Sources"), el("dd", {}, `${ev.n_sources} outlets, ${ev.n_articles} articles: ${ev.reported_by.join(", ")}`)],
        [el("dt", {}, "Confidence"), el("dd", {}, ev.confidence)]),
      Object.keys(ev.machine).length ? el("p", { class: "muted small" }, "Struck-through values are the machine's, replaced by a review.") : null);
    const claims = el("div", { class: "card", id: "claims" }, el("h3", {}, `Claims (${ev.claims.length})`),
      ev.claims.length ? el("ul", { class: "claims" }, ev.claims.map((c) => el("li", { class: "claim-item" },
        el("b", {}, c.source), ` (${c.source_type}) `, el("span", { class: "stance" }, c.stance), ": ",
        el("q", {}, c.evidence), el("span", { class: "muted small" }, ` [${c.article_id}]`))))
        : el("p", { class: "muted" }, "No attributed claims."));
    const reports = el("div", { class: "card" }, el("h3", {}, "Reports merged into this event"),
      el("table", { class: "list" }, el("thead", {}, el("tr", {}, ["Article", "Outlet", "Date", "Fatalities", "Why merged"].map((h) => el("th", {}, h)))),
        el("tbody", {}, ev.reports.map((r) => el("tr", {}, el("td", {}, r.article_id), el("td", {}, r.outlet || "—"),
          el("td", {}, r.event_date || "—"), el("td", {}, r.fatalities),
          el("td", { class: "small" }, typeof r.reason === "object" ? Object.entries(r.reason).map(([k, v]) => `${k}: ${typeof v === "object" ? JSON.stringify(v) : v}`).join("; ") : String(r.reason)))))));
    const articles = arts.map((a) => el("div", { class: "card article" },
      el("h3", {}, a.title || a.article_id),
      el("p", { class: "muted small" }, [a.outlet, a.published, a.url].filter(Boolean).join(" · ")),
      el("div", { class: "article-text" }, highlighted(a.text, a.spans.filter((s) => s.event_id === ev.event_id)))));
    const left = el("div", {}, fields, claims, el("h3", {}, "Articles (evidence highlighted: ",
      el("mark", { class: "evidence" }, "evidence"), " ", el("mark", { class: "claim" }, "claim"), ")"), articles, reports);
    const right = el("div", {}, reviewForm(ev), reviewHistory(ev));
    view.replaceChildren(head, el("div", { class: "grid" }, left, right));
  }

  function reviewHistory(ev) {
    return el("div", { class: "card", id: "event-reviews" }, el("h3", {}, `Reviews (${ev.reviews.length})`),
      ev.reviews.length ? el("ul", {}, ev.reviews.map((r) => el("li", {},
        `${r.created_at.replace("T", " ").slice(0, 19)} ${r.reviewer_id}: ${r.field} ${show(r.old_value)} → ${show(r.new_value)}`,
        r.note ? el("span", { class: "muted" }, ` (“${r.note}”)`) : null)))
        : el("p", { class: "muted" }, "Not reviewed yet."));
  }

  function reviewForm(ev) {
    const card = el("div", { class: "card" }, el("h3", {}, "Review"));
    if (!state.token) {
      card.append(el("p", { class: "muted", id: "review-signin-hint" }, "Sign in with your reviewer token (top right) to confirm, correct or reject this event."));
      return card;
    }
    const vocab = state.vocab || { acled_types: {} };
    const loc = ev.location || {};
    const typeSel = el("select", { id: "r-type" }, el("option", { value: "" }, "—"),
      Object.keys(vocab.acled_types).map((t) => el("option", { value: t, selected: t === ev.acled_event_type }, t)));
    const subSel = el("select", { id: "r-subtype" });
    const fillSubs = () => {
      const subs = vocab.acled_types[typeSel.value] || [];
      subSel.replaceChildren(el("option", { value: "" }, "—"), ...subs.map((s) => el("option", { value: s, selected: s === ev.acled_sub_event_type }, s)));
    };
    typeSel.addEventListener("change", fillSubs);
    fillSubs();
    const input = (id, value, type) => el("input", { id, value: value === null || value === undefined ? "" : value, type: type || "text" });
    const corrections = el("fieldset", { id: "r-corrections" }, el("legend", {}, "Corrections (only changed fields are recorded)"),
      el("div", { class: "row" }, el("label", {}, "ACLED type", typeSel), el("label", {}, "Sub-type", subSel)),
      el("div", { class: "row" }, el("label", {}, "Actor 1", input("r-actor1", actorName(ev.actor1))), el("label", {}, "Actor 2", input("r-actor2", actorName(ev.actor2)))),
      el("div", { class: "row" }, el("label", {}, "Date", input("r-date", ev.event_date, "date")), el("label", {}, "Fatalities", input("r-fatalities", ev.fatalities, "number"))),
      el("div", { class: "row" }, el("label", {}, "Place", input("r-place", loc.name)), el("label", {}, "Country (ISO3)", input("r-country", loc.country))),
      el("div", { class: "row" }, el("label", {}, "Latitude", input("r-lat", loc.lat, "number")), el("label", {}, "Longitude", input("r-lon", loc.lon, "number"))));
    const actions = el("div", { class: "actions" }, ["confirm", "correct", "reject"].map((a) =>
      el("label", {}, el("input", { type: "radio", name: "r-action", value: a, id: "r-action-" + a, checked: a === "correct" }), " " + a)));
    const msg = el("p", { id: "review-message", role: "status" });
    const form = el("form", { id: "review-form" }, actions, corrections,
      el("label", {}, "Note", el("textarea", { id: "r-note", rows: 2 })),
      el("button", { type: "submit", id: "review-submit" }, "Submit review"), msg);
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      const action = form.querySelector("input[name=r-action]:checked").value;
      const body = { action, note: $("#r-note").value.trim() || null };
      if (action === "correct") {
        const changes = {};
        if (typeSel.value && typeSel.value !== ev.acled_event_type) changes.acled_event_type = typeSel.value;
        if (subSel.value && subSel.value !== ev.acled_sub_event_type) changes.acled_sub_event_type = subSel.value;
        for (const k of ["actor1", "actor2"]) {
          const v = $("#r-" + k).value.trim();
          if (v !== actorName(ev[k])) {
            if (v) changes[k] = { name: v };
            else if (k === "actor2") changes[k] = null;
          }
        }
        if ($("#r-date").value && $("#r-date").value !== ev.event_date) changes.event_date = $("#r-date").value;
        const fat = $("#r-fatalities").value;
        if (fat !== "" && +fat !== ev.fatalities) changes.fatalities = +fat;
        const place = { name: $("#r-place").value.trim(), country: $("#r-country").value.trim().toUpperCase(), lat: $("#r-lat").value, lon: $("#r-lon").value };
        if (place.name !== (loc.name || "") || place.country !== (loc.country || "") || +place.lat !== loc.lat || +place.lon !== loc.lon) {
          changes.location = { name: place.name, country: place.country, lat: +place.lat, lon: +place.lon };
        }
        body.changes = changes;
      }
      msg.className = "";
      msg.textContent = "Saving…";
      try {
        const out = await api("/api/events/" + encodeURIComponent(ev.event_id) + "/reviews", { method: "POST", body });
        await renderEvent(ev.event_id);
        const m = $("#review-message");
        m.className = "ok";
        m.textContent = `Saved: review ${out.review_ids.join(", ")}.`;
      } catch (err) {
        msg.className = "error";
        msg.textContent = err.message;
        if (err.status === 401) signOut();
      }
    });
    card.append(form);
    return card;
  }

  // ------------------------------------------------------------------ audit view

  async function renderAudit() {
    const data = await api("/api/audit?limit=500");
    $("#audit-table tbody").replaceChildren(...data.items.map((r) => el("tr", {},
      el("td", {}, r.created_at.replace("T", " ").slice(0, 19)), el("td", {}, r.reviewer_id),
      el("td", {}, el("a", { href: "#/event/" + encodeURIComponent(r.event_id || r.reviewed_as) }, r.event_id || r.reviewed_as)),
      el("td", {}, r.field), el("td", {}, show(r.old_value)), el("td", {}, show(r.new_value)), el("td", {}, r.note || ""))));
  }

  // ------------------------------------------------------------------ sign-in

  function showAuth(reviewerId) {
    $("#signin-form").hidden = !!reviewerId;
    $("#signed-in").hidden = !reviewerId;
    $("#signed-in-id").textContent = reviewerId || "";
  }

  async function signIn(token) {
    state.token = token;
    try {
      const me = await api("/api/me");
      sessionStorage.setItem("palmyra-token", token);
      $("#signin-error").textContent = "";
      showAuth(me.reviewer_id);
      return true;
    } catch (e) {
      state.token = null;
      sessionStorage.removeItem("palmyra-token");
      $("#signin-error").textContent = e.message;
      showAuth(null);
      return false;
    }
  }

  function signOut() {
    state.token = null;
    sessionStorage.removeItem("palmyra-token");
    showAuth(null);
  }

  // ------------------------------------------------------------------ routing

  async function route() {
    const hash = location.hash || "#/";
    for (const v of document.querySelectorAll(".view")) v.hidden = true;
    try {
      if (hash.startsWith("#/event/")) {
        $("#view-event").hidden = false;
        await renderEvent(decodeURIComponent(hash.slice("#/event/".length)));
      } else if (hash === "#/audit") {
        $("#view-audit").hidden = false;
        await renderAudit();
      } else {
        $("#view-map").hidden = false;
        await renderMapView();
      }
      document.body.dataset.ready = hash;
    } catch (e) {
      console.error(e);
      document.body.dataset.ready = "error";
    }
  }

  async function start() {
    $("#filters").addEventListener("submit", (e) => { e.preventDefault(); renderMapView(); });
    $("#f-reset").addEventListener("click", () => { $("#filters").reset(); renderMapView(); });
    $("#signin-form").addEventListener("submit", async (e) => {
      e.preventDefault();
      if (await signIn($("#signin-token").value.trim())) { $("#signin-token").value = ""; route(); }
    });
    $("#signout-button").addEventListener("click", () => { signOut(); route(); });
    state.vocab = await api("/api/vocabulary").catch(() => null);
    if (state.token) await signIn(state.token);
    window.addEventListener("hashchange", route);
    route();
  }

  start();
})();
