// The filled document as HTML for the clipboard: headings, paragraphs, lists and tables that Google Docs,
// Word and Notion keep when pasted. Built as DOM nodes with textContent, so no value becomes markup.

function node(tag, text) {
  const element = document.createElement(tag);
  if (text !== undefined) element.textContent = text;
  return element;
}

function blockNode(block) {
  if (block.kind === "heading") return node(`h${Math.min(block.level, 6)}`, block.text);
  if (block.kind === "paragraph") {
    const tag = { hint: "em", meta: "strong" }[block.style];
    const paragraph = node(block.style === "quote" ? "blockquote" : "p");
    paragraph.append(tag ? node(tag, block.text) : block.text);
    return paragraph;
  }
  if (block.kind === "items") {
    const list = node(block.style === "number" ? "ol" : "ul");
    for (const item of block.items) {
      const entry = node("li");
      if (block.style === "task") entry.append(item.checked ? "\u2612 " : "\u2610 ");
      if (item.lead) entry.append(node("strong", `${item.lead}: `));
      entry.append(item.text);
      list.append(entry);
    }
    return list;
  }
  const table = node("table");
  const head = node("tr");
  head.append(...block.header.map((cell) => node("th", cell)));
  table.append(node("thead"), node("tbody"));
  table.tHead.append(head);
  for (const row of block.rows) {
    const line = node("tr");
    line.append(...row.map((cell) => node("td", cell)));
    table.tBodies[0].append(line);
  }
  return table;
}

export function html(blocks) {
  const wrapper = node("div");
  wrapper.append(...blocks.map(blockNode));
  return wrapper.innerHTML;
}
