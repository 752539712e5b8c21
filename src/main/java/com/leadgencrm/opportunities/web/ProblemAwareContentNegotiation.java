package com.leadgencrm.opportunities.web;

import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.accept.ContentNegotiationStrategy;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.context.request.NativeWebRequest;

/**
 * Reads {@code Accept} as Spring does, except that a client accepting {@code
 * application/problem+json} accepts {@code application/json} too.
 *
 * <p>Generated clients send the media types the document lists for an operation's answers: for a
 * DELETE, whose success has no body, that is {@code Accept: application/problem+json} alone. Such a
 * client can read JSON (a problem document is JSON), so its requests must not fail with 406 because
 * the operation's success would be JSON.
 */
final class ProblemAwareContentNegotiation implements ContentNegotiationStrategy {

  private final HeaderContentNegotiationStrategy header = new HeaderContentNegotiationStrategy();

  @Override
  public List<MediaType> resolveMediaTypes(NativeWebRequest request)
      throws HttpMediaTypeNotAcceptableException {
    List<MediaType> accepted = header.resolveMediaTypes(request);
    MediaType problem = null;
    for (MediaType type : accepted) {
      if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
        return accepted;
      }
      if (problem == null && MediaType.APPLICATION_PROBLEM_JSON.includes(type)) {
        problem = type;
      }
    }
    if (problem == null) {
      return accepted;
    }
    List<MediaType> widened = new ArrayList<>(accepted);
    widened.add(new MediaType(MediaType.APPLICATION_JSON, problem.getParameters()));
    return widened;
  }
}
