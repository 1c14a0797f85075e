# Sourced by .ci/run and bench/run.sh: Herald builds for Java 21 and runs on 21 or later. A
# machine whose default Java is older may carry a newer JDK beside it (/usr/lib/jvm): use the
# newest there, for Maven, the tests and every Liberty server they start (JAVA_HOME).
java_feature() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/.*java\.specification\.version = //p' | sed 's/^1\..*/8/'
}
current=$(java_feature "${JAVA_HOME:+$JAVA_HOME/bin/}java" || true)
if [ "${current:-0}" -lt 21 ]; then
  best= best_feature=0
  for jdk in /usr/lib/jvm/*/; do
    [ -x "$jdk/bin/javac" ] || continue
    feature=$(java_feature "$jdk/bin/java")
    if [ "${feature:-0}" -gt "$best_feature" ]; then best=${jdk%/} best_feature=$feature; fi
  done
  if [ "$best_feature" -ge 21 ]; then
    echo "using Java $best_feature at $best"
    export JAVA_HOME=$best PATH="$best/bin:$PATH"
  else
    echo "Herald needs Java 21 or later: set JAVA_HOME to one" >&2
    exit 1
  fi
fi
