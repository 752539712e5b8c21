# Build with the wrapper, run on a JRE with virtual threads.
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src src
RUN ./mvnw -B -q package -Dmaven.test.skip=true \
 && java -Djarmode=tools -jar target/opportunities-service-*.jar extract --destination /app \
 && mv /app/opportunities-service-*.jar /app/app.jar

# The extracted jar (its libraries beside it) starts faster than the fat jar; the parallel
# collector costs less CPU than G1 on a few cores; the native heap is trimmed each second, which
# hands the compilers' freed arenas back; compact object headers make the heap's objects smaller
# (BENCHMARKS.md, thirteenth and fourteenth rounds). Spring's ahead-of-time mode would start
# faster and serve less (README, "In production"): not used here. An OutOfMemoryError ends the
# process, so that the orchestrator starts a sound one: a JVM that goes on after one can fail every
# later request (a class whose initialisation it interrupted stays unusable).
FROM eclipse-temurin:25-jre
RUN useradd --system --uid 10001 app
USER app
COPY --from=build /app /app
EXPOSE 8080
ENTRYPOINT ["java", "-XX:+UseParallelGC", "-XX:TrimNativeHeapInterval=1000", "-XX:+UseCompactObjectHeaders", \
  "-XX:+ExitOnOutOfMemoryError", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
