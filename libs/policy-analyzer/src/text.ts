// Output captured from child processes is shown to people and written to JSON and Markdown, where
// terminal colour codes (Node colours stack traces when it thinks it may) are noise.

const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;

export const withoutAnsi = (text: string): string => text.replace(ANSI, "");
