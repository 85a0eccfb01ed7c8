# Sourced by the bench scripts that call oneDNN directly: sets $cp to the built effnas jar plus JavaCPP's
# org.bytedeco:dnnl and opencl preset jars (JavaCPP 1.5.7, the version DL4J 1.0.0-M2.1 uses) from the local
# Maven repository, and $tcmalloc to the library the launcher preloads. When a jar is missing it names the
# command that builds or fetches it and exits 2; it downloads nothing. $caller names the script in messages.
jar=experiments/target/effnas.jar
[ -f "$jar" ] || { echo "$caller: $jar is missing; build it with: mvn -B -q -DskipTests package" >&2; exit 2; }
repo="${M2_REPO:-$HOME/.m2/repository}/org/bytedeco"
cp="$jar"
for a in dnnl/2.5.2-1.5.7/dnnl-2.5.2-1.5.7 opencl/3.0-1.5.7/opencl-3.0-1.5.7; do
  for suffix in "" -linux-x86_64; do
    f="$repo/$a$suffix.jar"
    if [ ! -f "$f" ]; then
      name=$(basename "$a"); artifact="${name%%-*}"; version="${name#*-}"
      echo "$caller: $f is missing; fetch it with:" \
        "mvn -q dependency:get -Dartifact=org.bytedeco:$artifact:$version${suffix:+:jar:${suffix#-}}" >&2
      exit 2
    fi
    cp="$cp:$f"
  done
done
tcmalloc=$(ls /usr/lib/*-linux-gnu/libtcmalloc_minimal.so.4 2>/dev/null | head -1 || true)
