using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Inbox.Core.Meta;

/// <summary>What the pipeline needs to know of one Graph call: whose circuit it counts in, and whether repeating it is safe.</summary>
internal sealed record GraphCall(string? PageId, bool Idempotent);

/// <summary>
/// The "graph" HTTP client's resilience pipeline, one instance per Page so one Page's trouble (a revoked app, a Page
/// Meta throttles) never pauses another's calls:
/// <list type="bullet">
/// <item>a retry, with exponential back-off and jitter, for calls that are safe to repeat (reads, sender actions,
/// hiding): never for a send, which the outbox settles through its echo instead;</item>
/// <item>a circuit breaker that stops calling a Page after half its calls failed in 30 s, for Meta:CircuitBreakSeconds at a time;</item>
/// <item>a timeout on each attempt (Meta:GraphTimeoutSeconds), so a hanging Graph API costs one call its time and nothing else.</item>
/// </list>
/// </summary>
public static class GraphResilience
{
    private static readonly HttpRequestOptionsKey<GraphCall> s_call = new("inbox.graph.call");

    internal static void Describe(HttpRequestMessage request, GraphCall call) => request.Options.Set(s_call, call);

    public static IServiceCollection AddGraphClient(this IServiceCollection services)
    {
        services.AddSingleton<GraphClient>();
        services.AddHttpClient(GraphClient.HttpClientName)
            // The pipeline's timeouts govern; the client's own would cut a retried call short.
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("graph-per-page", (pipeline, context) => Build(pipeline, context.ServiceProvider.GetRequiredService<IOptions<MetaOptions>>().Value))
            // Calls that act for no one Page (login, token checks, history reads) share the "app" circuit; anything an
            // agent does to a Page's conversations or comments counts in that Page's own.
            .SelectPipelineBy(_ => request => request.Options.TryGetValue(s_call, out var call) && call.PageId is { } page ? page : "app");
        return services;
    }

    private static void Build(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, MetaOptions meta) => pipeline
        .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = 2,
            Delay = TimeSpan.FromMilliseconds(500),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldHandle = args => ValueTask.FromResult(IsIdempotent(args.Context) && IsFailure(args.Outcome)),
        })
        .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            FailureRatio = 0.5,
            MinimumThroughput = 4,
            SamplingDuration = TimeSpan.FromSeconds(30),
            BreakDuration = TimeSpan.FromSeconds(meta.CircuitBreakSeconds),
            ShouldHandle = args => ValueTask.FromResult(IsFailure(args.Outcome)),
        })
        .AddTimeout(TimeSpan.FromSeconds(meta.GraphTimeoutSeconds));

    private static bool IsIdempotent(ResilienceContext context) =>
        context.GetRequestMessage() is { } request && request.Options.TryGetValue(s_call, out var call) && call.Idempotent;

    // Meta is failing, as opposed to refusing one request: those answers say nothing about the next call.
    private static bool IsFailure(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result.StatusCode: >= HttpStatusCode.InternalServerError or HttpStatusCode.RequestTimeout } => true,
        _ => false,
    };
}
