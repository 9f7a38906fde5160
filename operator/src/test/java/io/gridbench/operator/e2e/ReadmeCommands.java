package io.gridbench.operator.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The commands of a README's fenced code block, as a user would type them: the first block after a
 * marker line, one command per line, backslash continuations joined, comments and blank lines
 * dropped. The end-to-end test runs them, so the README cannot drift from what works.
 */
final class ReadmeCommands {
  private ReadmeCommands() {}

  static List<String> after(Path readme, String marker) throws IOException {
    List<String> lines = Files.readAllLines(readme);
    int at = 0;
    while (at < lines.size() && !lines.get(at).startsWith(marker)) {
      at++;
    }
    if (at == lines.size()) {
      throw new AssertionError(readme + " has no line starting with " + marker);
    }
    while (at < lines.size() && !lines.get(at).startsWith("```")) {
      at++;
    }
    List<String> commands = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (int i = at + 1; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
      String line = lines.get(i).strip();
      if (current.isEmpty() && (line.isEmpty() || line.startsWith("#"))) {
        continue;
      }
      if (line.endsWith("\\")) {
        current.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      commands.add(current.append(line).toString().replaceAll("\\s+", " ").strip());
      current.setLength(0);
    }
    return commands;
  }
}
