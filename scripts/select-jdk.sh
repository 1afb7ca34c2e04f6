# Sourced by ./thermoscope, ./run-tests and .ci/run: exports JAVA_HOME pointing at a JDK >= 21.
# Order: an existing JAVA_HOME that is new enough, then the newest JDK under /usr/lib/jvm
# (on the project machines: Temurin 25 next to the default OpenJDK 17).
thermoscope_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}
thermoscope_select_jdk() {
  local best="" best_major=0 cand major
  for cand in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -n "$cand" ] && [ -x "$cand/bin/javac" ] || continue
    major=$(thermoscope_java_major "$cand")
    [ -n "$major" ] || continue
    if [ "$cand" = "${JAVA_HOME:-}" ] && [ "$major" -ge 21 ]; then best=$cand; break; fi
    if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best=$cand; best_major=$major; fi
  done
  if [ -z "$best" ]; then
    echo "error: no JDK 21 or newer found (looked at JAVA_HOME and /usr/lib/jvm/*); install one, e.g. apt-get install temurin-21-jdk" >&2
    return 1
  fi
  export JAVA_HOME="$best"
  export PATH="$JAVA_HOME/bin:$PATH"
}
