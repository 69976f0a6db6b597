// The search index schema: T002 of specs/001-event-search/tasks.md.
export const schema = { city: "keyword", date: "date" };
