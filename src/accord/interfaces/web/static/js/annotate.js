// A document's text with all its events highlighted in place; clicking one shows its card.
import { $, el, eventCard, eventSpans, eventsTable, highlighted, legend, sentenceHighlights, withoutOverlaps } from "./common.js";

export function annotate(text, events, documentInfo = null) {
  const triggers = events.flatMap((e, i) => eventSpans(e, i).filter((s) => s.kind === "trigger"));
  const others = events.flatMap((e, i) => eventSpans(e, i).filter((s) => s.kind !== "trigger"));
  const spans = withoutOverlaps([...triggers, ...others]);
  const select = (i) => {
    const event = events[i];
    for (const m of document.querySelectorAll("#text mark.active")) m.classList.remove("active");
    for (const m of document.querySelectorAll(`#text mark[data-event="${i}"]`)) m.classList.add("active");
    for (const r of document.querySelectorAll("#events tr.selected")) r.classList.remove("selected");
    document.querySelectorAll("#events tbody tr")[i]?.classList.add("selected");
    const detail = $("#detail");
    detail.hidden = false;
    detail.replaceChildren(eventCard(event, sentenceHighlights(event, text), documentInfo));
  };
  $("#legend").replaceChildren(legend());
  $("#text").replaceChildren(highlighted(text, spans, select));
  $("#events").replaceChildren(events.length ? eventsTable(events, (_, i) => select(i)) : el("p", { class: "muted" }, "No events coded."));
  return select;
}
