# Build with the wrapper, run on a JRE with virtual threads.
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src src
# -Pspring-aot: the bean definitions computed at build time, on the JDK that runs them (README)
RUN ./mvnw -B -q -Pspring-aot package -Dmaven.test.skip=true \
 && java -Djarmode=tools -jar target/opportunities-service-*.jar extract --destination /app \
 && mv /app/opportunities-service-*.jar /app/app.jar

# The extracted jar (its libraries beside it) starts faster than the fat jar, and Spring's
# ahead-of-time bean definitions faster still; the parallel collector costs less CPU than G1 on a
# few cores; the native heap is trimmed each second, which hands the compilers' freed arenas back;
# compact object headers make the heap's objects smaller (BENCHMARKS.md, 13th and 14th rounds).
FROM eclipse-temurin:25-jre
RUN useradd --system --uid 10001 app
USER app
COPY --from=build /app /app
EXPOSE 8080
ENTRYPOINT ["java", "-XX:+UseParallelGC", "-XX:TrimNativeHeapInterval=1000", "-XX:+UseCompactObjectHeaders", \
  "-XX:MaxRAMPercentage=75", "-Dspring.aot.enabled=true", "-jar", "/app/app.jar"]
